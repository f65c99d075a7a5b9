// indicators/library.hpp — the versioned indicator library (指标库).
//
// "Dynamic" means versioned: adding, editing and retiring an indicator each append a new
// version with its effective date, author and reason; nothing is overwritten or deleted.
// The library can be read as of any date, and goals keep the version they were set with.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "model/indicator.hpp"

namespace jixiao::store {
class Store;
}

namespace jixiao::indicators {

// Every version of every indicator, with as-of queries. Cheap to build: a library holds
// hundreds of indicators, not millions.
class Library {
 public:
  Library() = default;
  explicit Library(std::vector<model::IndicatorVersion> versions);
  // Reads every version from `store`.
  static Result<Library> load(store::Store& store);

  const std::vector<model::IndicatorVersion>& versions() const { return m_versions; }

  // The version of `code` in force on `date`: the one with the latest effective date not
  // after `date` (the higher version on a tie). nullptr when there is none or it is a retirement.
  const model::IndicatorVersion* as_of(const std::string& code, Date date) const;
  // Every indicator in force on `date`, ordered by code.
  std::vector<const model::IndicatorVersion*> in_force(Date date) const;
  // The highest version of `code` (also when retired); nullptr when the code is unknown.
  const model::IndicatorVersion* latest(const std::string& code) const;
  // One exact version; nullptr when absent.
  const model::IndicatorVersion* find(const std::string& code, int version) const;
  // Every version of `code`, oldest first.
  std::vector<const model::IndicatorVersion*> history(const std::string& code) const;
  // Codes in force on `date` whose name is `name` (after trimming), for rows that give a name only.
  std::vector<const model::IndicatorVersion*> find_by_name(const std::string& name,
                                                           Date date) const;

 private:
  std::vector<model::IndicatorVersion> m_versions;  // ordered by code, then version
};

// Who changes the library, when the change takes effect, and why.
struct ChangeNote {
  Date effective_from;
  std::string author;
  std::string reason;
};

// Checks one indicator's fields: code and name present, a quantitative indicator has a unit
// of measure and a direction other than 定性, a qualitative one has direction 定性.
// Returns Error::invalid_input naming the field (Location::field) and the indicator code.
Result<void> validate(const model::Indicator& indicator);

// The new version for each change, checked against `library` (not yet written):
// add — Error::conflict when the code exists already (also when retired: codes are never reused);
// edit — Error::not_found for an unknown code, Error::conflict when it is retired,
//        Error::invalid_input when nothing changed;
// retire — Error::not_found / Error::conflict (already retired); the reason is required.
Result<model::IndicatorVersion> make_add(const Library& library, const model::Indicator& indicator,
                                         const ChangeNote& note);
Result<model::IndicatorVersion> make_edit(const Library& library, const model::Indicator& indicator,
                                          const ChangeNote& note);
Result<model::IndicatorVersion> make_retire(const Library& library, const std::string& code,
                                            const ChangeNote& note);

// The same, written to `store` in one transaction each.
Result<model::IndicatorVersion> add_indicator(store::Store& store,
                                              const model::Indicator& indicator,
                                              const ChangeNote& note);
Result<model::IndicatorVersion> edit_indicator(store::Store& store,
                                               const model::Indicator& indicator,
                                               const ChangeNote& note);
Result<model::IndicatorVersion> retire_indicator(store::Store& store, const std::string& code,
                                                 const ChangeNote& note);

// The names of the fields that differ between two versions of an indicator ("名称", "计量单位" …).
std::vector<std::string> changed_fields(const model::Indicator& before,
                                        const model::Indicator& after);

// One change that took effect in a period.
struct Change {
  const model::IndicatorVersion* before = nullptr;  // in force just before; nullptr for an addition
  const model::IndicatorVersion* after = nullptr;
  std::vector<std::string> fields;  // changed_fields(), empty for add/retire
};

// The versions that took effect after `from` and up to `to` (inclusive), by code then version:
// what changed in the library between two dates (e.g. 2021-12-31 → 2022-12-31 for 2022).
std::vector<Change> changes_between(const Library& library, Date from, Date to);

}  // namespace jixiao::indicators
