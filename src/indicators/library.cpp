// indicators/library.cpp — as-of reads, validation and versioned changes of the library.
#include "indicators/library.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "store/store.hpp"

namespace jixiao::indicators {
namespace {

Location field(const std::string& name) { return Location{{}, {}, 0, {}, name}; }

bool same(const model::Indicator& a, const model::Indicator& b) {
  return changed_fields(a, b).empty();
}

Result<model::IndicatorVersion> write_one(store::Store& store,
                                          Result<model::IndicatorVersion> version) {
  if (!version) return version;
  JIXIAO_TRY(store.indicators().append_indicator_versions({*version}));
  return version;
}

}  // namespace

Library::Library(std::vector<model::IndicatorVersion> versions) : m_versions(std::move(versions)) {
  std::sort(m_versions.begin(), m_versions.end(), [](const auto& a, const auto& b) {
    if (a.indicator.code != b.indicator.code) return a.indicator.code < b.indicator.code;
    return a.version < b.version;
  });
}

Result<Library> Library::load(store::Store& store) {
  auto versions = store.indicators().indicator_versions();
  if (!versions) return fail(std::move(versions.error()));
  return Library(std::move(*versions));
}

const model::IndicatorVersion* Library::as_of(const std::string& code, Date date) const {
  const model::IndicatorVersion* best = nullptr;
  for (const auto* v : history(code)) {
    if (v->effective_from > date) continue;
    if (!best || v->effective_from > best->effective_from ||
        (v->effective_from == best->effective_from && v->version > best->version)) {
      best = v;
    }
  }
  if (best && best->change == model::ChangeKind::retire) return nullptr;
  return best;
}

std::vector<const model::IndicatorVersion*> Library::in_force(Date date) const {
  std::vector<const model::IndicatorVersion*> out;
  for (std::size_t i = 0; i < m_versions.size(); ++i) {
    if (i > 0 && m_versions[i].indicator.code == m_versions[i - 1].indicator.code) continue;
    if (const auto* v = as_of(m_versions[i].indicator.code, date)) out.push_back(v);
  }
  return out;
}

const model::IndicatorVersion* Library::latest(const std::string& code) const {
  auto h = history(code);
  return h.empty() ? nullptr : h.back();
}

const model::IndicatorVersion* Library::find(const std::string& code, int version) const {
  for (const auto* v : history(code)) {
    if (v->version == version) return v;
  }
  return nullptr;
}

std::vector<const model::IndicatorVersion*> Library::history(const std::string& code) const {
  auto lo = std::lower_bound(
      m_versions.begin(), m_versions.end(), code,
      [](const model::IndicatorVersion& v, const std::string& c) { return v.indicator.code < c; });
  std::vector<const model::IndicatorVersion*> out;
  for (auto it = lo; it != m_versions.end() && it->indicator.code == code; ++it)
    out.push_back(&*it);
  return out;
}

std::vector<const model::IndicatorVersion*> Library::find_by_name(const std::string& name,
                                                                  Date date) const {
  std::string wanted(text::trim(name));
  std::vector<const model::IndicatorVersion*> out;
  for (const auto* v : in_force(date)) {
    if (v->indicator.name == wanted) out.push_back(v);
  }
  return out;
}

Result<void> validate(const model::Indicator& i) {
  const std::string who = i.code.empty() ? "指标" : "指标 " + i.code;
  if (text::trim(i.code).empty())
    return fail(Error::invalid_input("指标编码不能为空", field("code")));
  if (i.code.find_first_of(" \t,") != std::string::npos) {
    return fail(Error::invalid_input(who + ": 编码不能含空格或逗号", field("code")));
  }
  if (text::trim(i.name).empty())
    return fail(Error::invalid_input(who + ": 指标名称不能为空", field("name")));
  if (i.quantitative && i.direction == model::Direction::qualitative) {
    return fail(Error::invalid_input(who + ": 定量指标的方向应为 ≥、≤ 或 =，不能是定性",
                                     field("direction")));
  }
  if (!i.quantitative && i.direction != model::Direction::qualitative) {
    return fail(Error::invalid_input(who + ": 定性指标的方向应为定性", field("direction")));
  }
  if (i.quantitative && text::trim(i.measure_unit).empty()) {
    return fail(Error::invalid_input(who + ": 定量指标缺少计量单位", field("measure_unit")));
  }
  return {};
}

Result<model::IndicatorVersion> make_add(const Library& library, const model::Indicator& indicator,
                                         const ChangeNote& note) {
  JIXIAO_TRY(validate(indicator));
  if (const auto* existing = library.latest(indicator.code)) {
    return fail(Error::conflict(
        "指标编码已存在: " + indicator.code + "（" + existing->indicator.name +
        (existing->change == model::ChangeKind::retire ? "，已停用；编码不再复用" : "") + "）"));
  }
  return model::IndicatorVersion{
      indicator, 1, model::ChangeKind::add, note.effective_from, note.author, note.reason, {}};
}

Result<model::IndicatorVersion> make_edit(const Library& library, const model::Indicator& indicator,
                                          const ChangeNote& note) {
  JIXIAO_TRY(validate(indicator));
  const auto* current = library.latest(indicator.code);
  if (!current) return fail(Error::not_found("指标库中没有编码 " + indicator.code));
  if (current->change == model::ChangeKind::retire) {
    return fail(Error::conflict("指标 " + indicator.code + " 已停用，不能修订"));
  }
  if (same(current->indicator, indicator)) {
    return fail(Error::invalid_input("指标 " + indicator.code + " 没有任何改动"));
  }
  if (text::trim(note.reason).empty()) {
    return fail(
        Error::invalid_input("修订指标 " + indicator.code + " 须说明原因", field("reason")));
  }
  return model::IndicatorVersion{indicator,
                                 current->version + 1,
                                 model::ChangeKind::edit,
                                 note.effective_from,
                                 note.author,
                                 note.reason,
                                 {}};
}

Result<model::IndicatorVersion> make_retire(const Library& library, const std::string& code,
                                            const ChangeNote& note) {
  const auto* current = library.latest(code);
  if (!current) return fail(Error::not_found("指标库中没有编码 " + code));
  if (current->change == model::ChangeKind::retire)
    return fail(Error::conflict("指标 " + code + " 已停用"));
  if (text::trim(note.reason).empty()) {
    return fail(Error::invalid_input("停用指标 " + code + " 须说明原因", field("reason")));
  }
  return model::IndicatorVersion{current->indicator,
                                 current->version + 1,
                                 model::ChangeKind::retire,
                                 note.effective_from,
                                 note.author,
                                 note.reason,
                                 {}};
}

Result<model::IndicatorVersion> add_indicator(store::Store& store,
                                              const model::Indicator& indicator,
                                              const ChangeNote& note) {
  auto library = Library::load(store);
  if (!library) return fail(std::move(library.error()));
  return write_one(store, make_add(*library, indicator, note));
}

Result<model::IndicatorVersion> edit_indicator(store::Store& store,
                                               const model::Indicator& indicator,
                                               const ChangeNote& note) {
  auto library = Library::load(store);
  if (!library) return fail(std::move(library.error()));
  return write_one(store, make_edit(*library, indicator, note));
}

Result<model::IndicatorVersion> retire_indicator(store::Store& store, const std::string& code,
                                                 const ChangeNote& note) {
  auto library = Library::load(store);
  if (!library) return fail(std::move(library.error()));
  return write_one(store, make_retire(*library, code, note));
}

std::vector<std::string> changed_fields(const model::Indicator& a, const model::Indicator& b) {
  std::vector<std::string> out;
  auto check = [&](bool differs, const char* name) {
    if (differs) out.emplace_back(name);
  };
  check(a.name != b.name, "指标名称");
  check(a.subclass != b.subclass, "指标分类");
  check(a.definition != b.definition, "指标解释");
  check(a.measure_unit != b.measure_unit, "计量单位");
  check(a.direction != b.direction, "指标方向");
  check(a.quantitative != b.quantitative, "指标性质");
  check(a.formula != b.formula, "计算方法");
  check(a.data_source != b.data_source, "数据来源");
  check(a.sectors != b.sectors, "适用行业");
  check(a.unit_kinds != b.unit_kinds, "适用单位类型");
  check(a.is_core != b.is_core, "核心指标");
  check(a.target_basis != b.target_basis, "指标值设定依据");
  check(a.typical_target != b.typical_target, "参考指标值");
  return out;
}

std::vector<Change> changes_between(const Library& library, Date from, Date to) {
  std::vector<Change> out;
  for (const auto& v : library.versions()) {
    if (v.effective_from <= from || v.effective_from > to) continue;
    Change c;
    c.after = &v;
    for (const auto* h : library.history(v.indicator.code)) {
      if (h->version < v.version) c.before = h;
    }
    if (c.before && v.change == model::ChangeKind::edit)
      c.fields = changed_fields(c.before->indicator, v.indicator);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace jixiao::indicators
