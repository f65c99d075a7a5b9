// indicators/indicators.hpp — the indicator module's front header: what it keeps, what it
// promises, and where each part lives. Include this (or one part) from other modules.
//
// What it keeps, all through store::IndicatorStore (no SQL here):
// - The indicator library (指标库, library.hpp): every indicator is a chain of versions. Adding,
//   editing and retiring each append a version with its effective date, author and reason;
//   nothing is overwritten or deleted, so Library::as_of(code, date) answers "what did the
//   library say on that day" exactly, and changes_between() lists what changed between two dates.
// - Goals (绩效目标, goals.hpp): per unit, year and line, the goal indicators with target,
//   adjusted target, points, actual, the actual's provenance (entered / imported / computed) and
//   the deviation reason. A goal keeps the library version it was set with.
//
// What it promises:
// - completion() is a pure function of a goal indicator: status (完成 / 超额完成 / 未完成 /
// 无实际值
//   / 无目标值) and an exact ratio in [0, 1] that scoring multiplies by the points. Direction
//   (≥, ≤, =, qualitative) and the over-achievement rule decide it; nothing else does.
// - Computed actuals arrive only through ActualSource (goals.hpp): LedgerActualSource fills
//   budget-execution indicators from the ledger; the people's-congress records fill theirs.
//   refresh_computed_actuals() fills only empty or previously computed actuals, never what a
//   person entered or imported.
// - lint (lint.hpp) reports quality findings, each naming its rule; it never changes data.
// - exchange (exchange.hpp) reads and writes the library and goals as CSV/XLSX in the layout
//   finance staff know; imports are all-or-nothing with file:row:column errors.
//
// Errors: Result<T> with Error::invalid_input (bad value, naming the field), not_found (unknown
// code), conflict (a version that already exists), storage (the store failed).
#pragma once

#include "indicators/exchange.hpp"
#include "indicators/goals.hpp"
#include "indicators/library.hpp"
#include "indicators/lint.hpp"
