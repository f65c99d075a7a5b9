// cli/commands/transfer.cpp — `jixiao migrate --from URL --to URL` (a whole database to another,
// e.g. SQLite to PostgreSQL, verified after), `jixiao backup --to FILE` and
// `jixiao restore FILE` (SQLite; PostgreSQL uses pg_dump / pg_restore, docs/scaling.md).
#include "store/transfer.hpp"

#include <ostream>

#include "cli/commands/commands.hpp"
#include "store/store.hpp"

namespace jixiao::cli {
namespace {

int run_migrate(Context& ctx, const Args& args) {
  auto from = args.require("from");
  if (!from) return report(ctx, from.error());
  auto to = args.require("to");
  if (!to) return report(ctx, to.error());
  if (!args.has("verify-only")) {
    ctx.out << "迁移 " << store::redacted_url(*from) << " → " << store::redacted_url(*to) << "\n";
    auto copied = store::copy_database(*from, *to, [&](const store::TableCopy& t) {
      ctx.out << "  " << t.table << ": " << t.rows << " 行\n";
    });
    if (!copied) return report(ctx, copied.error());
  }
  auto verified = store::verify_copy(*from, *to);
  if (!verified) return report(ctx, verified.error());
  std::int64_t rows = 0;
  for (const auto& t : *verified) rows += t.rows;
  ctx.out << "校验通过: " << verified->size() << " 张表共 " << rows
          << " 行，行数与各列校验和一致（会话不迁移，用户需重新登录）\n";
  return 0;
}

int run_backup(Context& ctx, const Args& args) {
  auto file = args.require("to");
  if (!file) return report(ctx, file.error());
  auto pages = store::backup(ctx.db_url, *file);
  if (!pages) return report(ctx, pages.error());
  ctx.out << "已备份 " << store::redacted_url(ctx.db_url) << " → " << *file << "（" << *pages
          << " 页，一致快照）\n";
  return 0;
}

int run_restore(Context& ctx, const Args& args) {
  const std::string& file = args.positional.at(0);
  auto restored = store::restore(file, ctx.db_url);
  if (!restored) return report(ctx, restored.error());
  ctx.out << "已从 " << file << " 恢复到 " << store::redacted_url(ctx.db_url) << "\n";
  return 0;
}

}  // namespace

void register_transfer(Registry& registry) {
  registry.add(
      {.path = {"migrate"},
       .summary =
           "把整个数据库复制到另一个空数据库（如 SQLite → PostgreSQL），复制后核对行数与校验和",
       .usage = "--from URL --to URL [--verify-only]",
       .options = {{"from", "URL", "源数据库，如 sqlite:jixiao.db"},
                   {"to", "URL", "目标数据库（须为空），如 postgresql://user:pw@host/db"},
                   {"verify-only", "", "不复制，只核对两库是否一致"}},
       .run = run_migrate});
  registry.add(
      {.path = {"backup"},
       .summary =
           "备份 SQLite 数据库到文件（在线备份，服务运行时也是一致快照；PostgreSQL 用 pg_dump）",
       .usage = "--to FILE",
       .options = {{"to", "FILE", "备份文件"}},
       .run = run_backup});
  registry.add(
      {.path = {"restore"},
       .summary = "用备份文件替换 SQLite 数据库（先检查备份完好；PostgreSQL 用 pg_restore）",
       .usage = "FILE",
       .min_positional = 1,
       .max_positional = 1,
       .run = run_restore});
}

}  // namespace jixiao::cli
