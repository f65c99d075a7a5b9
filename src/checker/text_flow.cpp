// checker/text_flow.cpp — normalising extracted report text into a flow and cells.
#include "checker/text_flow.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "core/money.hpp"
#include "core/text.hpp"

namespace jixiao::checker {

namespace {

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_space(char32_t c) { return c == U' '; }
bool is_dash(char32_t c) { return c == U'-' || c == U'—' || c == U'–' || c == U'一' || c == U'─'; }

char32_t map_char(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0;  // full-width ASCII
  switch (c) {
    case 0x3000:
    case U'\t':
    case 0x00A0:
    case U'\r':
    case 0x2002:
    case 0x2003:
    case 0x2009:
      return U' ';
    case 0x2267:
      return U'≥';  // ≧
    case 0x2266:
      return U'≤';  // ≦
    case 0x2550:
      return U'=';  // ═
    case 0xFE66:
      return U'=';  // ﹦ small equals
    case 0xFE64:
      return U'<';  // ﹤
    case 0xFE65:
      return U'>';  // ﹥
    case 0x2212:
      return U'-';  // minus sign
    case 0xFE6A:
      return U'%';  // small percent
    default:
      return c;
  }
}

// Traditional characters of the forms' vocabulary → simplified: text converted to traditional
// (mirror sites) reads as the form it is ("全年預算數" → "全年预算数"). Sorted for binary search.
struct CharPair {
  char32_t from, to;
};
constexpr CharPair k_traditional[] = {
    {U'並', U'并'}, {U'來', U'来'}, {U'個', U'个'}, {U'備', U'备'}, {U'傳', U'传'}, {U'債', U'债'},
    {U'價', U'价'}, {U'億', U'亿'}, {U'償', U'偿'}, {U'優', U'优'}, {U'劃', U'划'}, {U'動', U'动'},
    {U'務', U'务'}, {U'勞', U'劳'}, {U'勢', U'势'}, {U'勵', U'励'}, {U'區', U'区'}, {U'協', U'协'},
    {U'參', U'参'}, {U'員', U'员'}, {U'問', U'问'}, {U'單', U'单'}, {U'嚴', U'严'}, {U'圍', U'围'},
    {U'園', U'园'}, {U'圖', U'图'}, {U'團', U'团'}, {U'執', U'执'}, {U'報', U'报'}, {U'場', U'场'},
    {U'塊', U'块'}, {U'壓', U'压'}, {U'壞', U'坏'}, {U'壯', U'壮'}, {U'夠', U'够'}, {U'夾', U'夹'},
    {U'奪', U'夺'}, {U'奮', U'奋'}, {U'婦', U'妇'}, {U'孫', U'孙'}, {U'學', U'学'}, {U'實', U'实'},
    {U'寧', U'宁'}, {U'寫', U'写'}, {U'寶', U'宝'}, {U'將', U'将'}, {U'專', U'专'}, {U'對', U'对'},
    {U'導', U'导'}, {U'屆', U'届'}, {U'層', U'层'}, {U'屬', U'属'}, {U'島', U'岛'}, {U'幣', U'币'},
    {U'幹', U'干'}, {U'幾', U'几'}, {U'廠', U'厂'}, {U'廢', U'废'}, {U'廣', U'广'}, {U'廳', U'厅'},
    {U'張', U'张'}, {U'強', U'强'}, {U'彈', U'弹'}, {U'後', U'后'}, {U'徑', U'径'}, {U'從', U'从'},
    {U'復', U'复'}, {U'徵', U'征'}, {U'態', U'态'}, {U'慶', U'庆'}, {U'憶', U'忆'}, {U'應', U'应'},
    {U'懷', U'怀'}, {U'戰', U'战'}, {U'戲', U'戏'}, {U'戶', U'户'}, {U'掃', U'扫'}, {U'揚', U'扬'},
    {U'換', U'换'}, {U'撥', U'拨'}, {U'擁', U'拥'}, {U'擇', U'择'}, {U'擔', U'担'}, {U'據', U'据'},
    {U'擴', U'扩'}, {U'擾', U'扰'}, {U'數', U'数'}, {U'斷', U'断'}, {U'於', U'于'}, {U'時', U'时'},
    {U'晉', U'晋'}, {U'暫', U'暂'}, {U'曆', U'历'}, {U'曉', U'晓'}, {U'書', U'书'}, {U'會', U'会'},
    {U'朮', U'术'}, {U'東', U'东'}, {U'條', U'条'}, {U'業', U'业'}, {U'極', U'极'}, {U'構', U'构'},
    {U'樓', U'楼'}, {U'標', U'标'}, {U'樣', U'样'}, {U'橋', U'桥'}, {U'機', U'机'}, {U'檢', U'检'},
    {U'權', U'权'}, {U'歡', U'欢'}, {U'歲', U'岁'}, {U'歷', U'历'}, {U'歸', U'归'}, {U'殘', U'残'},
    {U'殺', U'杀'}, {U'氣', U'气'}, {U'決', U'决'}, {U'沒', U'没'}, {U'況', U'况'}, {U'減', U'减'},
    {U'湯', U'汤'}, {U'準', U'准'}, {U'溫', U'温'}, {U'滅', U'灭'}, {U'滿', U'满'}, {U'漁', U'渔'},
    {U'潔', U'洁'}, {U'濟', U'济'}, {U'災', U'灾'}, {U'為', U'为'}, {U'無', U'无'}, {U'熱', U'热'},
    {U'營', U'营'}, {U'爭', U'争'}, {U'爲', U'为'}, {U'狀', U'状'}, {U'獎', U'奖'}, {U'獨', U'独'},
    {U'獲', U'获'}, {U'現', U'现'}, {U'環', U'环'}, {U'產', U'产'}, {U'畫', U'画'}, {U'當', U'当'},
    {U'療', U'疗'}, {U'發', U'发'}, {U'盡', U'尽'}, {U'監', U'监'}, {U'盤', U'盘'}, {U'確', U'确'},
    {U'礎', U'础'}, {U'礦', U'矿'}, {U'禮', U'礼'}, {U'稅', U'税'}, {U'種', U'种'}, {U'稱', U'称'},
    {U'積', U'积'}, {U'穩', U'稳'}, {U'競', U'竞'}, {U'筆', U'笔'}, {U'節', U'节'}, {U'範', U'范'},
    {U'築', U'筑'}, {U'簡', U'简'}, {U'籌', U'筹'}, {U'糧', U'粮'}, {U'紀', U'纪'}, {U'約', U'约'},
    {U'純', U'纯'}, {U'紙', U'纸'}, {U'級', U'级'}, {U'細', U'细'}, {U'紹', U'绍'}, {U'終', U'终'},
    {U'組', U'组'}, {U'結', U'结'}, {U'絕', U'绝'}, {U'絡', U'络'}, {U'給', U'给'}, {U'統', U'统'},
    {U'絲', U'丝'}, {U'經', U'经'}, {U'綜', U'综'}, {U'綠', U'绿'}, {U'維', U'维'}, {U'綱', U'纲'},
    {U'網', U'网'}, {U'緊', U'紧'}, {U'緒', U'绪'}, {U'線', U'线'}, {U'緣', U'缘'}, {U'編', U'编'},
    {U'緩', U'缓'}, {U'練', U'练'}, {U'縣', U'县'}, {U'縮', U'缩'}, {U'縱', U'纵'}, {U'總', U'总'},
    {U'績', U'绩'}, {U'織', U'织'}, {U'繳', U'缴'}, {U'續', U'续'}, {U'纖', U'纤'}, {U'罰', U'罚'},
    {U'罷', U'罢'}, {U'羅', U'罗'}, {U'義', U'义'}, {U'習', U'习'}, {U'聖', U'圣'}, {U'聞', U'闻'},
    {U'聯', U'联'}, {U'聲', U'声'}, {U'職', U'职'}, {U'聽', U'听'}, {U'肅', U'肃'}, {U'脅', U'胁'},
    {U'腦', U'脑'}, {U'膽', U'胆'}, {U'臨', U'临'}, {U'臺', U'台'}, {U'與', U'与'}, {U'興', U'兴'},
    {U'舉', U'举'}, {U'艦', U'舰'}, {U'萬', U'万'}, {U'蒼', U'苍'}, {U'藝', U'艺'}, {U'藥', U'药'},
    {U'蘇', U'苏'}, {U'蘭', U'兰'}, {U'處', U'处'}, {U'虛', U'虚'}, {U'號', U'号'}, {U'蟲', U'虫'},
    {U'衆', U'众'}, {U'術', U'术'}, {U'衛', U'卫'}, {U'衝', U'冲'}, {U'補', U'补'}, {U'裝', U'装'},
    {U'複', U'复'}, {U'襲', U'袭'}, {U'規', U'规'}, {U'視', U'视'}, {U'親', U'亲'}, {U'覺', U'觉'},
    {U'覽', U'览'}, {U'觀', U'观'}, {U'觸', U'触'}, {U'訂', U'订'}, {U'計', U'计'}, {U'訓', U'训'},
    {U'記', U'记'}, {U'訪', U'访'}, {U'設', U'设'}, {U'許', U'许'}, {U'診', U'诊'}, {U'評', U'评'},
    {U'詞', U'词'}, {U'詢', U'询'}, {U'試', U'试'}, {U'話', U'话'}, {U'該', U'该'}, {U'詳', U'详'},
    {U'認', U'认'}, {U'誠', U'诚'}, {U'誤', U'误'}, {U'說', U'说'}, {U'課', U'课'}, {U'調', U'调'},
    {U'談', U'谈'}, {U'請', U'请'}, {U'論', U'论'}, {U'諸', U'诸'}, {U'謀', U'谋'}, {U'謂', U'谓'},
    {U'講', U'讲'}, {U'證', U'证'}, {U'識', U'识'}, {U'譯', U'译'}, {U'議', U'议'}, {U'護', U'护'},
    {U'讀', U'读'}, {U'變', U'变'}, {U'讓', U'让'}, {U'負', U'负'}, {U'財', U'财'}, {U'貢', U'贡'},
    {U'貧', U'贫'}, {U'貨', U'货'}, {U'責', U'责'}, {U'貴', U'贵'}, {U'貸', U'贷'}, {U'費', U'费'},
    {U'貼', U'贴'}, {U'資', U'资'}, {U'賠', U'赔'}, {U'質', U'质'}, {U'賬', U'账'}, {U'購', U'购'},
    {U'賽', U'赛'}, {U'贊', U'赞'}, {U'趕', U'赶'}, {U'車', U'车'}, {U'軌', U'轨'}, {U'軍', U'军'},
    {U'軟', U'软'}, {U'較', U'较'}, {U'載', U'载'}, {U'輔', U'辅'}, {U'輕', U'轻'}, {U'輛', U'辆'},
    {U'輸', U'输'}, {U'轄', U'辖'}, {U'轉', U'转'}, {U'辦', U'办'}, {U'農', U'农'}, {U'這', U'这'},
    {U'進', U'进'}, {U'運', U'运'}, {U'過', U'过'}, {U'達', U'达'}, {U'遠', U'远'}, {U'適', U'适'},
    {U'遲', U'迟'}, {U'遷', U'迁'}, {U'選', U'选'}, {U'遺', U'遗'}, {U'還', U'还'}, {U'邊', U'边'},
    {U'郵', U'邮'}, {U'鄉', U'乡'}, {U'醫', U'医'}, {U'釋', U'释'}, {U'針', U'针'}, {U'銷', U'销'},
    {U'鋼', U'钢'}, {U'錄', U'录'}, {U'錢', U'钱'}, {U'錯', U'错'}, {U'鍵', U'键'}, {U'鎮', U'镇'},
    {U'鐵', U'铁'}, {U'長', U'长'}, {U'門', U'门'}, {U'閉', U'闭'}, {U'開', U'开'}, {U'閑', U'闲'},
    {U'間', U'间'}, {U'閱', U'阅'}, {U'關', U'关'}, {U'陰', U'阴'}, {U'陳', U'陈'}, {U'陸', U'陆'},
    {U'陽', U'阳'}, {U'隊', U'队'}, {U'階', U'阶'}, {U'際', U'际'}, {U'隨', U'随'}, {U'險', U'险'},
    {U'雙', U'双'}, {U'雜', U'杂'}, {U'難', U'难'}, {U'雲', U'云'}, {U'電', U'电'}, {U'靈', U'灵'},
    {U'響', U'响'}, {U'頁', U'页'}, {U'頂', U'顶'}, {U'項', U'项'}, {U'順', U'顺'}, {U'須', U'须'},
    {U'預', U'预'}, {U'領', U'领'}, {U'頭', U'头'}, {U'頻', U'频'}, {U'題', U'题'}, {U'額', U'额'},
    {U'類', U'类'}, {U'顯', U'显'}, {U'風', U'风'}, {U'飛', U'飞'}, {U'飯', U'饭'}, {U'養', U'养'},
    {U'館', U'馆'}, {U'驗', U'验'}, {U'體', U'体'}, {U'髮', U'发'}, {U'鬥', U'斗'}, {U'魚', U'鱼'},
    {U'鳥', U'鸟'}, {U'鹽', U'盐'}, {U'麥', U'麦'}, {U'黃', U'黄'}, {U'點', U'点'}, {U'黨', U'党'},
    {U'齊', U'齐'}, {U'齒', U'齿'}, {U'龍', U'龙'}, {U'龜', U'龟'}, {U'麗', U'丽'}, {U'擬', U'拟'},
    {U'據', U'据'}, {U'雖', U'虽'}, {U'鑒', U'鉴'},
};

char32_t simplified(char32_t c) {
  if (c < 0x4E00) return c;
  static const std::vector<CharPair> table = [] {
    std::vector<CharPair> t(std::begin(k_traditional), std::end(k_traditional));
    std::sort(t.begin(), t.end(), [](CharPair a, CharPair b) { return a.from < b.from; });
    return t;
  }();
  auto it = std::lower_bound(table.begin(), table.end(), c,
                             [](CharPair p, char32_t x) { return p.from < x; });
  return it != table.end() && it->from == c ? it->to : c;
}

// A pinyin annotation in brackets ("預(yù)"), which some mirror sites add after characters.
bool is_pinyin_letter(char32_t c) {
  static constexpr std::u32string_view k_toned = U"āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ";
  return (c >= U'a' && c <= U'z') || k_toned.find(c) != std::u32string_view::npos;
}
std::size_t pinyin_at(std::u32string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != U'(') return 0;
  std::size_t k = i + 1;
  bool toned = false;
  while (k < s.size() && k - i <= 8 && is_pinyin_letter(s[k])) {
    toned = toned || s[k] > 0x7F;
    ++k;
  }
  if (k == i + 1 || k >= s.size() || s[k] != U')') return 0;
  // Plain letters only when they look like a syllable with a vowel: "(shu)" yes, "(B)" no.
  bool vowel = false;
  for (std::size_t j = i + 1; j < k; ++j)
    vowel = vowel || std::u32string_view(U"aeiouv").find(s[j]) != std::u32string_view::npos;
  return toned || vowel ? k + 1 - i : 0;
}

// Length of the run of digits starting at i.
std::size_t digits_from(std::u32string_view s, std::size_t i) {
  std::size_t n = 0;
  while (i + n < s.size() && is_digit(s[i + n])) ++n;
  return n;
}
// Length of the run of digits ending just before i.
std::size_t digits_before(std::u32string_view s, std::size_t i) {
  std::size_t n = 0;
  while (n < i && is_digit(s[i - 1 - n])) ++n;
  return n;
}

bool ends_sentence(char32_t c) {
  return c == U'。' || c == U'!' || c == U'?' || c == U';' || c == U'！' || c == U'？';
}

}  // namespace

std::u32string normalize_line(std::u32string_view line) {
  std::u32string mapped;
  mapped.reserve(line.size());
  for (char32_t c : line) {
    c = simplified(map_char(c));
    if (c == U'=' && !mapped.empty() && (mapped.back() == U'>' || mapped.back() == U'<')) {
      mapped.back() = mapped.back() == U'>' ? U'≥' : U'≤';
      continue;
    }
    if (c == U'\n' || c == U'\f' || c == 0xFEFF) continue;
    mapped.push_back(c);
  }
  // Drop pinyin annotations after characters: "預(yù)算數(shù)" → "预算数".
  {
    std::u32string kept;
    kept.reserve(mapped.size());
    for (std::size_t i = 0; i < mapped.size();) {
      if (!kept.empty() && is_han(kept.back())) {
        if (std::size_t n = pinyin_at(mapped, i)) {
          i += n;
          continue;
        }
      }
      kept.push_back(mapped[i++]);
    }
    mapped.swap(kept);
  }
  std::u32string out;
  out.reserve(mapped.size());
  std::size_t i = 0;
  while (i < mapped.size()) {
    char32_t c = mapped[i];
    if (!is_space(c)) {
      out.push_back(c);
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < mapped.size() && is_space(mapped[j])) ++j;
    if (out.empty() || j == mapped.size()) {  // leading or trailing
      i = j;
      continue;
    }
    char32_t a = out.back();
    char32_t b = mapped[j];
    bool keep = false;
    if (is_ascii_letter(a) && is_ascii_letter(b)) {
      keep = true;
    } else if (is_digit(a) && is_digit(b)) {
      // "3 403.40": a thousands group joins; "10 10" (two cells) stays apart.
      std::size_t after = digits_from(mapped, j);
      std::size_t before = digits_before(out, out.size());
      // In a run of numbers ("10 9 100 94": cells of a row) no space is a thousands separator.
      bool listed_before = out.size() >= before + 2 && out[out.size() - before - 1] == U' ' &&
                           is_digit(out[out.size() - before - 2]);
      bool listed_after = j + after + 1 < mapped.size() && is_space(mapped[j + after]) &&
                          is_digit(mapped[j + after + 1]);
      bool grouped = after == 3 && before >= 1 && before <= 3 && !listed_before && !listed_after &&
                     (j + after == mapped.size() || !is_digit(mapped[j + after])) &&
                     (out.size() == before || out[out.size() - before - 1] != U'.');
      keep = !grouped;
    } else if (a == U'.' && is_digit(b) && out.size() >= 2 && is_digit(out[out.size() - 2])) {
      keep = false;  // "91. 6"
    }
    if (keep) out.push_back(U' ');
    i = j;
  }
  return out;
}

bool is_page_number_line(std::u32string_view s) {
  if (s.empty()) return false;
  // 第 5 页 / 第5页 共12页
  if (s.front() == U'第') {
    std::size_t i = 1;
    std::size_t n = digits_from(s, i);
    if (n == 0 || i + n >= s.size() || s[i + n] != U'页') return false;
    i += n + 1;
    if (i == s.size()) return true;
    if (s[i] != U'共') return false;
    n = digits_from(s, i + 1);
    return n > 0 && i + 1 + n + 1 == s.size() && s[i + 1 + n] == U'页';
  }
  // — 5 — / - 5 -
  std::size_t i = 0;
  while (i < s.size() && (is_dash(s[i]) || s[i] == U' ')) ++i;
  if (i == 0) return false;
  std::size_t n = digits_from(s, i);
  if (n == 0 || n > 4) return false;
  std::size_t k = i + n;
  std::size_t dashes = 0;
  while (k < s.size() && (is_dash(s[k]) || s[k] == U' ')) {
    if (is_dash(s[k])) ++dashes;
    ++k;
  }
  return k == s.size() && dashes > 0;
}

Flow build_flow(const SourceText& source) {
  Flow flow;
  flow.text.reserve(source.lines.size() * 40);
  flow.pos.reserve(source.lines.size() * 40);
  bool previous_is_row = false;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = normalize_line(text::to_u32(source.lines[n].first));
    if (line.empty() || is_page_number_line(line)) continue;
    SourcePos pos{static_cast<int>(n + 1), source.lines[n].second};
    bool is_row = line.find(U'|') != std::u32string::npos;
    if (!flow.text.empty()) {
      char32_t last = flow.text.back();
      if (is_row || previous_is_row || ends_sentence(last)) {
        if (last != U'\n') {
          flow.text.push_back(U'\n');
          flow.pos.push_back(flow.pos.back());
        }
      } else if (is_ascii_letter(last) && is_ascii_letter(line.front())) {
        flow.text.push_back(U' ');
        flow.pos.push_back(flow.pos.back());
      }
    }
    for (char32_t c : line) {
      flow.text.push_back(c);
      flow.pos.push_back(pos);
    }
    previous_is_row = is_row;
  }
  std::size_t end = flow.text.size();
  while (end > 0 && (flow.text[end - 1] == U'\n' || flow.text[end - 1] == U' ')) --end;
  if (end == 0) {
    flow.truncated = false;
  } else {
    char32_t last = flow.text[end - 1];
    flow.truncated = !(ends_sentence(last) || last == U'|' || last == U')' || last == U'”' ||
                       last == U'"' || last == U':' || last == U'」' || last == U'》');
  }
  return flow;
}

std::vector<Cell> build_cells(const SourceText& source) {
  std::vector<Cell> cells;
  for (std::size_t n = 0; n < source.lines.size(); ++n) {
    std::u32string line = normalize_line(text::to_u32(source.lines[n].first));
    if (line.empty() || is_page_number_line(line)) continue;
    SourcePos pos{static_cast<int>(n + 1), source.lines[n].second};
    if (line == U"|") {
      cells.push_back({U"", pos});
      continue;
    }
    std::size_t start = 0;
    if (line.front() == U'|') start = 1;
    std::size_t stop = line.size();
    if (stop > start && line.back() == U'|') --stop;
    std::u32string_view body = std::u32string_view(line).substr(start, stop - start);
    std::size_t from = 0;
    while (true) {
      std::size_t bar = body.find(U'|', from);
      std::u32string_view cell = body.substr(
          from, bar == std::u32string_view::npos ? std::u32string_view::npos : bar - from);
      while (!cell.empty() && cell.front() == U' ') cell.remove_prefix(1);
      while (!cell.empty() && cell.back() == U' ') cell.remove_suffix(1);
      cells.push_back({std::u32string(cell), pos});
      if (bar == std::u32string_view::npos) break;
      from = bar + 1;
    }
  }
  return cells;
}

}  // namespace jixiao::checker

namespace jixiao::checker {

namespace {

struct UnitWord {
  std::u32string_view text;
  NumUnit unit;
};

// Longest first where one is a prefix of another.
constexpr UnitWord k_unit_words[] = {
    {U"万元", NumUnit::wan},   {U"亿元", NumUnit::yi},    {U"千元", NumUnit::qian},
    {U"元", NumUnit::yuan},    {U"%", NumUnit::percent},  {U"人次", NumUnit::other},
    {U"家次", NumUnit::other}, {U"场次", NumUnit::other}, {U"公里", NumUnit::other},
    {U"个", NumUnit::other},   {U"次", NumUnit::other},   {U"项", NumUnit::other},
    {U"件", NumUnit::other},   {U"场", NumUnit::other},   {U"份", NumUnit::other},
    {U"篇", NumUnit::other},   {U"名", NumUnit::other},   {U"人", NumUnit::other},
    {U"部", NumUnit::other},   {U"条", NumUnit::other},   {U"户", NumUnit::other},
    {U"家", NumUnit::other},   {U"年", NumUnit::other},   {U"月", NumUnit::other},
    {U"日", NumUnit::other},   {U"号", NumUnit::other},
};

}  // namespace

std::vector<NumToken> scan_numbers(std::u32string_view s) {
  std::vector<NumToken> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!is_digit(s[i]) ||
        (i > 0 && (is_digit(s[i - 1]) || s[i - 1] == U'.' || s[i - 1] == U','))) {
      ++i;
      continue;
    }
    NumToken t;
    t.begin = i;
    std::string number;
    std::size_t j = i;
    while (j < s.size()) {
      if (is_digit(s[j])) {
        number.push_back(static_cast<char>(s[j]));
        ++j;
      } else if (s[j] == U',' && j > i && j + 3 < s.size() && is_digit(s[j + 1]) &&
                 is_digit(s[j + 2]) && is_digit(s[j + 3]) &&
                 (j + 4 == s.size() || !is_digit(s[j + 4]))) {
        ++j;
      } else {
        break;
      }
    }
    if (j + 1 < s.size() && s[j] == U'.' && is_digit(s[j + 1])) {
      number.push_back('.');
      ++j;
      while (j < s.size() && is_digit(s[j])) number.push_back(static_cast<char>(s[j++]));
    }
    t.end = j;
    t.after = j;
    auto value = Decimal::parse(number);
    if (!value) {
      i = j;
      continue;
    }
    t.value = *value;
    std::size_t k = j;
    if (k < s.size() && s[k] == U' ') ++k;
    for (const auto& w : k_unit_words) {
      if (s.substr(k, w.text.size()) == w.text) {
        t.unit = w.unit;
        t.unit_text = std::u32string(w.text);
        t.after = k + w.text.size();
        break;
      }
    }
    if (t.unit == NumUnit::none && k < s.size() && s[k] == U'分' &&
        !(k + 1 < s.size() && (s[k + 1] == U'别' || s[k + 1] == U'钟' || s[k + 1] == U'之'))) {
      t.unit = NumUnit::points;
      t.unit_text = U"分";
      t.after = k + 1;
    }
    out.push_back(std::move(t));
    i = j;
  }
  return out;
}

std::optional<NumToken> cell_number(std::u32string_view cell) {
  while (!cell.empty() && cell.front() == U' ') cell.remove_prefix(1);
  while (!cell.empty() && cell.back() == U' ') cell.remove_suffix(1);
  if (cell.empty() || !is_digit(cell.front())) return std::nullopt;
  auto tokens = scan_numbers(cell);
  if (tokens.size() != 1 || tokens[0].begin != 0) return std::nullopt;
  if (tokens[0].after != cell.size()) return std::nullopt;
  return tokens[0];
}

std::optional<long long> exact_sum(long long a, long long b) {
  long long out = 0;
  if (__builtin_add_overflow(a, b, &out)) return std::nullopt;
  return out;
}
std::optional<long long> exact_difference(long long a, long long b) {
  long long out = 0;
  if (__builtin_sub_overflow(a, b, &out)) return std::nullopt;
  return out;
}
std::optional<long long> exact_product(long long a, long long b) {
  long long out = 0;
  if (__builtin_mul_overflow(a, b, &out)) return std::nullopt;
  return out;
}

std::optional<long long> token_fen(const NumToken& token, NumUnit default_unit) {
  NumUnit unit = token.unit == NumUnit::none ? default_unit : token.unit;
  std::string number = token.value.to_string();
  switch (unit) {
    case NumUnit::yuan:
    case NumUnit::wan: {
      auto money = parse_money(number, unit == NumUnit::wan ? MoneyUnit::wan : MoneyUnit::yuan);
      if (!money) return std::nullopt;
      return money->fen();
    }
    case NumUnit::qian:
    case NumUnit::yi: {
      // 千元 = 0.1 万元, 亿元 = 10000 万元: scale the 万元 reading exactly.
      auto money = parse_money(number, MoneyUnit::wan);
      if (!money) return std::nullopt;
      if (unit == NumUnit::yi) return exact_product(money->fen(), 10000);
      if (money->fen() % 10 != 0) return std::nullopt;
      return money->fen() / 10;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace jixiao::checker
