"""The `__init__` of every record class of qnctr, compiled ahead with the package (records.py:
compiling them as a warm question first makes records was a twentieth of it). Written by
`python -m tests.test_records` from the classes; tests/test_records.py checks that it is
current. A class whose source is not here is compiled as it is first used, as ever."""
# mypy: ignore-errors
# ruff: noqa


def _0(self, role, via):
    __record_slot_role__(self, role)
    __record_slot_via__(self, via)


def _1(self, key, register, clean_to, keyed):
    __record_slot_key__(self, key)
    __record_slot_register__(self, register)
    __record_slot_clean_to__(self, clean_to)
    __record_slot_keyed__(self, keyed)


def _2(self, key, parts, racy):
    __record_slot_key__(self, key)
    __record_slot_parts__(self, parts)
    __record_slot_racy__(self, racy)


def _3(self, rounds, opens):
    __record_slot_rounds__(self, rounds)
    __record_slot_opens__(self, opens)


def _4(self, year, code, calendar):
    __record_slot_year__(self, year)
    __record_slot_code__(self, code)
    __record_slot_calendar__(self, calendar)


def _5(self, code, due, end, start, year):
    __record_slot_code__(self, code)
    __record_slot_due__(self, due)
    __record_slot_end__(self, end)
    __record_slot_start__(self, start)
    __record_slot_year__(self, year)


def _6(self, register, directory, index, as_of, latest_due, period, known_on, _memo):
    self.register = register
    self.directory = directory
    self.index = index
    self.as_of = as_of
    self.latest_due = latest_due
    self.period = period
    self.known_on = known_on
    self._memo = __record_make__memo__() if _memo is __record_factory__ else _memo


def _7(self, path, line, col, severity, code, message, hint, acknowledged):
    __record_slot_path__(self, path)
    __record_slot_line__(self, line)
    __record_slot_col__(self, col)
    __record_slot_severity__(self, severity)
    __record_slot_code__(self, code)
    __record_slot_message__(self, message)
    __record_slot_hint__(self, hint)
    __record_slot_acknowledged__(self, acknowledged)


def _8(self, path, data, marks, review):
    self.path = path
    self.data = data
    self.marks = __record_make_marks__() if marks is __record_factory__ else marks
    self.review = review


def _9(self, root, of, flat):
    self.root = root
    self.of = __record_make_of__() if of is __record_factory__ else of
    self.flat = __record_make_flat__() if flat is __record_factory__ else flat


def _10(self, id, title, task_ids):
    self.id = id
    self.title = title
    self.task_ids = task_ids


def _11(self, report, where, file, positions):
    self.report = report
    self.where = where
    self.file = file
    self.positions = __record_make_positions__() if positions is __record_factory__ else positions


def _12(self, root, home, programme, agencies, groups, tasks, task_group, targets, reports, explanations, where, duplicates, loaded, ignored, keyed, focus):
    self.root = root
    self.home = home
    self.programme = programme
    self.agencies = __record_make_agencies__() if agencies is __record_factory__ else agencies
    self.groups = __record_make_groups__() if groups is __record_factory__ else groups
    self.tasks = __record_make_tasks__() if tasks is __record_factory__ else tasks
    self.task_group = __record_make_task_group__() if task_group is __record_factory__ else task_group
    self.targets = __record_make_targets__() if targets is __record_factory__ else targets
    self.reports = __record_make_reports__() if reports is __record_factory__ else reports
    self.explanations = __record_make_explanations__() if explanations is __record_factory__ else explanations
    self.where = __record_make_where__() if where is __record_factory__ else where
    self.duplicates = __record_make_duplicates__() if duplicates is __record_factory__ else duplicates
    self.loaded = __record_make_loaded__() if loaded is __record_factory__ else loaded
    self.ignored = __record_make_ignored__() if ignored is __record_factory__ else ignored
    self.keyed = keyed
    self.focus = focus


def _13(self, doc, loc):
    __record_slot_doc__(self, doc)
    __record_slot_loc__(self, loc)


def _14(self, *, id, name, kind, short_name, aliases, members, succeeded_by, since, basis, note, under):
    __record_slot_id__(self, id)
    __record_slot_name__(self, name)
    __record_slot_kind__(self, kind)
    __record_slot_short_name__(self, short_name)
    __record_slot_aliases__(self, __record_make_aliases__() if aliases is __record_factory__ else aliases)
    __record_slot_members__(self, __record_make_members__() if members is __record_factory__ else members)
    __record_slot_succeeded_by__(self, succeeded_by)
    __record_slot_since__(self, since)
    __record_slot_basis__(self, basis)
    __record_slot_note__(self, note)
    __record_slot_under__(self, under)


def _15(self, *, start, end):
    __record_slot_start__(self, start)
    __record_slot_end__(self, end)


def _16(self, kind, first_year, last_year, day):
    __record_slot_kind__(self, kind)
    __record_slot_first_year__(self, first_year)
    __record_slot_last_year__(self, last_year)
    __record_slot_day__(self, day)


def _17(self, *, date, basis, due):
    __record_slot_date__(self, date)
    __record_slot_basis__(self, basis)
    __record_slot_due__(self, due)


def _18(self, *, task, agency, asked, letter, answer_due, answered, answer, answer_letter):
    __record_slot_task__(self, task)
    __record_slot_agency__(self, agency)
    __record_slot_asked__(self, asked)
    __record_slot_letter__(self, letter)
    __record_slot_answer_due__(self, answer_due)
    __record_slot_answered__(self, answered)
    __record_slot_answer__(self, answer)
    __record_slot_answer_letter__(self, answer_letter)


def _19(self, *, date, basis, op, value):
    __record_slot_date__(self, date)
    __record_slot_basis__(self, basis)
    __record_slot_op__(self, op)
    __record_slot_value__(self, value)


def _20(self, *, id, title, tasks):
    __record_slot_id__(self, id)
    __record_slot_title__(self, title)
    __record_slot_tasks__(self, tasks)


def _21(self, *, start, end, towards):
    __record_slot_start__(self, start)
    __record_slot_end__(self, end)
    __record_slot_towards__(self, towards)


def _22(self, *, id, name, unit, op, value, measure, window, revisions):
    __record_slot_id__(self, id)
    __record_slot_name__(self, name)
    __record_slot_unit__(self, unit)
    __record_slot_op__(self, op)
    __record_slot_value__(self, value)
    __record_slot_measure__(self, measure)
    __record_slot_window__(self, window)
    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)


def _23(self, *, indicator, value, met, as_of, source, note, confirmed):
    __record_slot_indicator__(self, indicator)
    __record_slot_value__(self, value)
    __record_slot_met__(self, met)
    __record_slot_as_of__(self, as_of)
    __record_slot_source__(self, source)
    __record_slot_note__(self, note)
    __record_slot_confirmed__(self, confirmed)


def _24(self, *, id, title, issued, issuer, signer, place, implements, focal_agency, reporting, kind, horizon, status, ongoing_in_rates):
    __record_slot_id__(self, id)
    __record_slot_title__(self, title)
    __record_slot_issued__(self, issued)
    __record_slot_issuer__(self, issuer)
    __record_slot_signer__(self, signer)
    __record_slot_place__(self, place)
    __record_slot_implements__(self, implements)
    __record_slot_focal_agency__(self, focal_agency)
    __record_slot_reporting__(self, reporting)
    __record_slot_kind__(self, kind)
    __record_slot_horizon__(self, horizon)
    __record_slot_status__(self, status)
    __record_slot_ongoing_in_rates__(self, ongoing_in_rates)


def _25(self, *, agency, period, submitted, document, summary, tasks, targets):
    __record_slot_agency__(self, agency)
    __record_slot_period__(self, period)
    __record_slot_submitted__(self, submitted)
    __record_slot_document__(self, document)
    __record_slot_summary__(self, summary)
    __record_slot_tasks__(self, __record_make_tasks__() if tasks is __record_factory__ else tasks)
    __record_slot_targets__(self, __record_make_targets__() if targets is __record_factory__ else targets)


def _26(self, *, source, text, due_day, periods, cutoff_basis):
    __record_slot_source__(self, source)
    __record_slot_text__(self, text)
    __record_slot_due_day__(self, due_day)
    __record_slot_periods__(self, periods)
    __record_slot_cutoff_basis__(self, cutoff_basis)


def _27(self, *, kind, due_month, cutoff, due_in, window, dates, days):
    __record_slot_kind__(self, kind)
    __record_slot_due_month__(self, due_month)
    __record_slot_cutoff__(self, cutoff)
    __record_slot_due_in__(self, due_in)
    __record_slot_window__(self, window)
    __record_slot_dates__(self, dates)
    __record_slot_days__(self, days)


def _28(self, *, id, lead, support, due, source, text, due_text, note, indicators, revisions):
    __record_slot_id__(self, id)
    __record_slot_lead__(self, __record_make_lead__() if lead is __record_factory__ else lead)
    __record_slot_support__(self, __record_make_support__() if support is __record_factory__ else support)
    __record_slot_due__(self, due)
    __record_slot_source__(self, source)
    __record_slot_text__(self, text)
    __record_slot_due_text__(self, due_text)
    __record_slot_note__(self, note)
    __record_slot_indicators__(self, indicators)
    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)


def _29(self, *, id, lead, support, due, source, text, due_text, tags, note, revisions):
    __record_slot_id__(self, id)
    __record_slot_lead__(self, lead)
    __record_slot_support__(self, __record_make_support__() if support is __record_factory__ else support)
    __record_slot_due__(self, due)
    __record_slot_source__(self, source)
    __record_slot_text__(self, text)
    __record_slot_due_text__(self, due_text)
    __record_slot_tags__(self, __record_make_tags__() if tags is __record_factory__ else tags)
    __record_slot_note__(self, note)
    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)


def _30(self, *, task, status, completed, result, difficulties, evidence, proposals):
    __record_slot_task__(self, task)
    __record_slot_status__(self, status)
    __record_slot_completed__(self, completed)
    __record_slot_result__(self, result)
    __record_slot_difficulties__(self, difficulties)
    __record_slot_evidence__(self, evidence)
    __record_slot_proposals__(self, proposals)


def _31(self, *, programme, groups):
    __record_slot_programme__(self, programme)
    __record_slot_groups__(self, groups)


def _32(self, width, terminal, styled, coloured):
    __record_set__(self, 'width', width)
    __record_set__(self, 'terminal', terminal)
    __record_set__(self, 'styled', styled)
    __record_set__(self, 'coloured', coloured)


def _33(self, state, latest, deadline, days_overdue):
    __record_slot_state__(self, state)
    __record_slot_latest__(self, latest)
    __record_slot_deadline__(self, deadline)
    __record_slot_days_overdue__(self, days_overdue)


def _34(self, entry, agency, period, submitted, document):
    __record_slot_entry__(self, entry)
    __record_slot_agency__(self, agency)
    __record_slot_period__(self, period)
    __record_slot_submitted__(self, submitted)
    __record_slot_document__(self, document)


def _35(self, state, value, observed, deadline, explanation):
    __record_slot_state__(self, state)
    __record_slot_value__(self, value)
    __record_slot_observed__(self, observed)
    __record_slot_deadline__(self, deadline)
    __record_slot_explanation__(self, explanation)


def _36(self, observation, agency, period, submitted):
    __record_slot_observation__(self, observation)
    __record_slot_agency__(self, agency)
    __record_slot_period__(self, period)
    __record_slot_submitted__(self, submitted)


def _37(self, as_of, entries, reported, newest_cover, submitted, observations, unreported):
    self.as_of = as_of
    self.entries = __record_make_entries__() if entries is __record_factory__ else entries
    self.reported = __record_make_reported__() if reported is __record_factory__ else reported
    self.newest_cover = __record_make_newest_cover__() if newest_cover is __record_factory__ else newest_cover
    self.submitted = __record_make_submitted__() if submitted is __record_factory__ else submitted
    self.observations = __record_make_observations__() if observations is __record_factory__ else observations
    self.unreported = __record_make_unreported__() if unreported is __record_factory__ else unreported


BY_SOURCE = {
    'def __init__(self, role, via=__record_default_via__):\n    __record_slot_role__(self, role)\n    __record_slot_via__(self, via)\n': _0,
    'def __init__(self, key, register=__record_default_register__, clean_to=__record_default_clean_to__, keyed=__record_default_keyed__):\n    __record_slot_key__(self, key)\n    __record_slot_register__(self, register)\n    __record_slot_clean_to__(self, clean_to)\n    __record_slot_keyed__(self, keyed)\n': _1,
    'def __init__(self, key, parts, racy):\n    __record_slot_key__(self, key)\n    __record_slot_parts__(self, parts)\n    __record_slot_racy__(self, racy)\n': _2,
    'def __init__(self, rounds, opens=__record_default_opens__):\n    __record_slot_rounds__(self, rounds)\n    __record_slot_opens__(self, opens)\n': _3,
    'def __init__(self, year, code, calendar=__record_default_calendar__):\n    __record_slot_year__(self, year)\n    __record_slot_code__(self, code)\n    __record_slot_calendar__(self, calendar)\n': _4,
    'def __init__(self, code, due, end, start, year=__record_default_year__):\n    __record_slot_code__(self, code)\n    __record_slot_due__(self, due)\n    __record_slot_end__(self, end)\n    __record_slot_start__(self, start)\n    __record_slot_year__(self, year)\n': _5,
    'def __init__(self, register, directory, index, as_of, latest_due, period=__record_default_period__, known_on=__record_default_known_on__, _memo=__record_factory__):\n    self.register = register\n    self.directory = directory\n    self.index = index\n    self.as_of = as_of\n    self.latest_due = latest_due\n    self.period = period\n    self.known_on = known_on\n    self._memo = __record_make__memo__() if _memo is __record_factory__ else _memo\n': _6,
    'def __init__(self, path, line, col, severity, code, message, hint=__record_default_hint__, acknowledged=__record_default_acknowledged__):\n    __record_slot_path__(self, path)\n    __record_slot_line__(self, line)\n    __record_slot_col__(self, col)\n    __record_slot_severity__(self, severity)\n    __record_slot_code__(self, code)\n    __record_slot_message__(self, message)\n    __record_slot_hint__(self, hint)\n    __record_slot_acknowledged__(self, acknowledged)\n': _7,
    'def __init__(self, path, data, marks=__record_factory__, review=__record_default_review__):\n    self.path = path\n    self.data = data\n    self.marks = __record_make_marks__() if marks is __record_factory__ else marks\n    self.review = review\n': _8,
    'def __init__(self, root=__record_default_root__, of=__record_factory__, flat=__record_factory__):\n    self.root = root\n    self.of = __record_make_of__() if of is __record_factory__ else of\n    self.flat = __record_make_flat__() if flat is __record_factory__ else flat\n': _9,
    'def __init__(self, id, title, task_ids):\n    self.id = id\n    self.title = title\n    self.task_ids = task_ids\n': _10,
    'def __init__(self, report, where, file, positions=__record_factory__):\n    self.report = report\n    self.where = where\n    self.file = file\n    self.positions = __record_make_positions__() if positions is __record_factory__ else positions\n': _11,
    'def __init__(self, root, home=__record_default_home__, programme=__record_default_programme__, agencies=__record_factory__, groups=__record_factory__, tasks=__record_factory__, task_group=__record_factory__, targets=__record_factory__, reports=__record_factory__, explanations=__record_factory__, where=__record_factory__, duplicates=__record_factory__, loaded=__record_factory__, ignored=__record_factory__, keyed=__record_default_keyed__, focus=__record_default_focus__):\n    self.root = root\n    self.home = home\n    self.programme = programme\n    self.agencies = __record_make_agencies__() if agencies is __record_factory__ else agencies\n    self.groups = __record_make_groups__() if groups is __record_factory__ else groups\n    self.tasks = __record_make_tasks__() if tasks is __record_factory__ else tasks\n    self.task_group = __record_make_task_group__() if task_group is __record_factory__ else task_group\n    self.targets = __record_make_targets__() if targets is __record_factory__ else targets\n    self.reports = __record_make_reports__() if reports is __record_factory__ else reports\n    self.explanations = __record_make_explanations__() if explanations is __record_factory__ else explanations\n    self.where = __record_make_where__() if where is __record_factory__ else where\n    self.duplicates = __record_make_duplicates__() if duplicates is __record_factory__ else duplicates\n    self.loaded = __record_make_loaded__() if loaded is __record_factory__ else loaded\n    self.ignored = __record_make_ignored__() if ignored is __record_factory__ else ignored\n    self.keyed = keyed\n    self.focus = focus\n': _12,
    'def __init__(self, doc, loc):\n    __record_slot_doc__(self, doc)\n    __record_slot_loc__(self, loc)\n': _13,
    'def __init__(self, *, id, name, kind, short_name=__record_default_short_name__, aliases=__record_factory__, members=__record_factory__, succeeded_by=__record_default_succeeded_by__, since=__record_default_since__, basis=__record_default_basis__, note=__record_default_note__, under=__record_default_under__):\n    __record_slot_id__(self, id)\n    __record_slot_name__(self, name)\n    __record_slot_kind__(self, kind)\n    __record_slot_short_name__(self, short_name)\n    __record_slot_aliases__(self, __record_make_aliases__() if aliases is __record_factory__ else aliases)\n    __record_slot_members__(self, __record_make_members__() if members is __record_factory__ else members)\n    __record_slot_succeeded_by__(self, succeeded_by)\n    __record_slot_since__(self, since)\n    __record_slot_basis__(self, basis)\n    __record_slot_note__(self, note)\n    __record_slot_under__(self, under)\n': _14,
    'def __init__(self, *, start, end):\n    __record_slot_start__(self, start)\n    __record_slot_end__(self, end)\n': _15,
    'def __init__(self, kind, first_year=__record_default_first_year__, last_year=__record_default_last_year__, day=__record_default_day__):\n    __record_slot_kind__(self, kind)\n    __record_slot_first_year__(self, first_year)\n    __record_slot_last_year__(self, last_year)\n    __record_slot_day__(self, day)\n': _16,
    'def __init__(self, *, date, basis, due):\n    __record_slot_date__(self, date)\n    __record_slot_basis__(self, basis)\n    __record_slot_due__(self, due)\n': _17,
    'def __init__(self, *, task, agency, asked, letter=__record_default_letter__, answer_due, answered=__record_default_answered__, answer=__record_default_answer__, answer_letter=__record_default_answer_letter__):\n    __record_slot_task__(self, task)\n    __record_slot_agency__(self, agency)\n    __record_slot_asked__(self, asked)\n    __record_slot_letter__(self, letter)\n    __record_slot_answer_due__(self, answer_due)\n    __record_slot_answered__(self, answered)\n    __record_slot_answer__(self, answer)\n    __record_slot_answer_letter__(self, answer_letter)\n': _18,
    'def __init__(self, *, date, basis, op=__record_default_op__, value):\n    __record_slot_date__(self, date)\n    __record_slot_basis__(self, basis)\n    __record_slot_op__(self, op)\n    __record_slot_value__(self, value)\n': _19,
    'def __init__(self, *, id, title, tasks):\n    __record_slot_id__(self, id)\n    __record_slot_title__(self, title)\n    __record_slot_tasks__(self, tasks)\n': _20,
    'def __init__(self, *, start, end, towards=__record_default_towards__):\n    __record_slot_start__(self, start)\n    __record_slot_end__(self, end)\n    __record_slot_towards__(self, towards)\n': _21,
    'def __init__(self, *, id, name, unit=__record_default_unit__, op=__record_default_op__, value=__record_default_value__, measure, window=__record_default_window__, revisions=__record_factory__):\n    __record_slot_id__(self, id)\n    __record_slot_name__(self, name)\n    __record_slot_unit__(self, unit)\n    __record_slot_op__(self, op)\n    __record_slot_value__(self, value)\n    __record_slot_measure__(self, measure)\n    __record_slot_window__(self, window)\n    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)\n': _22,
    'def __init__(self, *, indicator, value=__record_default_value__, met=__record_default_met__, as_of, source=__record_default_source__, note=__record_default_note__, confirmed=__record_default_confirmed__):\n    __record_slot_indicator__(self, indicator)\n    __record_slot_value__(self, value)\n    __record_slot_met__(self, met)\n    __record_slot_as_of__(self, as_of)\n    __record_slot_source__(self, source)\n    __record_slot_note__(self, note)\n    __record_slot_confirmed__(self, confirmed)\n': _23,
    'def __init__(self, *, id, title, issued, issuer, signer=__record_default_signer__, place=__record_default_place__, implements=__record_default_implements__, focal_agency, reporting, kind=__record_default_kind__, horizon=__record_default_horizon__, status=__record_default_status__, ongoing_in_rates=__record_default_ongoing_in_rates__):\n    __record_slot_id__(self, id)\n    __record_slot_title__(self, title)\n    __record_slot_issued__(self, issued)\n    __record_slot_issuer__(self, issuer)\n    __record_slot_signer__(self, signer)\n    __record_slot_place__(self, place)\n    __record_slot_implements__(self, implements)\n    __record_slot_focal_agency__(self, focal_agency)\n    __record_slot_reporting__(self, reporting)\n    __record_slot_kind__(self, kind)\n    __record_slot_horizon__(self, horizon)\n    __record_slot_status__(self, status)\n    __record_slot_ongoing_in_rates__(self, ongoing_in_rates)\n': _24,
    'def __init__(self, *, agency, period, submitted, document=__record_default_document__, summary=__record_default_summary__, tasks=__record_factory__, targets=__record_factory__):\n    __record_slot_agency__(self, agency)\n    __record_slot_period__(self, period)\n    __record_slot_submitted__(self, submitted)\n    __record_slot_document__(self, document)\n    __record_slot_summary__(self, summary)\n    __record_slot_tasks__(self, __record_make_tasks__() if tasks is __record_factory__ else tasks)\n    __record_slot_targets__(self, __record_make_targets__() if targets is __record_factory__ else targets)\n': _25,
    'def __init__(self, *, source, text, due_day=__record_default_due_day__, periods, cutoff_basis=__record_default_cutoff_basis__):\n    __record_slot_source__(self, source)\n    __record_slot_text__(self, text)\n    __record_slot_due_day__(self, due_day)\n    __record_slot_periods__(self, periods)\n    __record_slot_cutoff_basis__(self, cutoff_basis)\n': _26,
    'def __init__(self, *, kind, due_month=__record_default_due_month__, cutoff=__record_default_cutoff__, due_in=__record_default_due_in__, window=__record_default_window__, dates=__record_default_dates__, days=__record_default_days__):\n    __record_slot_kind__(self, kind)\n    __record_slot_due_month__(self, due_month)\n    __record_slot_cutoff__(self, cutoff)\n    __record_slot_due_in__(self, due_in)\n    __record_slot_window__(self, window)\n    __record_slot_dates__(self, dates)\n    __record_slot_days__(self, days)\n': _27,
    'def __init__(self, *, id, lead=__record_factory__, support=__record_factory__, due, source, text, due_text=__record_default_due_text__, note=__record_default_note__, indicators, revisions=__record_factory__):\n    __record_slot_id__(self, id)\n    __record_slot_lead__(self, __record_make_lead__() if lead is __record_factory__ else lead)\n    __record_slot_support__(self, __record_make_support__() if support is __record_factory__ else support)\n    __record_slot_due__(self, due)\n    __record_slot_source__(self, source)\n    __record_slot_text__(self, text)\n    __record_slot_due_text__(self, due_text)\n    __record_slot_note__(self, note)\n    __record_slot_indicators__(self, indicators)\n    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)\n': _28,
    'def __init__(self, *, id, lead, support=__record_factory__, due, source, text, due_text=__record_default_due_text__, tags=__record_factory__, note=__record_default_note__, revisions=__record_factory__):\n    __record_slot_id__(self, id)\n    __record_slot_lead__(self, lead)\n    __record_slot_support__(self, __record_make_support__() if support is __record_factory__ else support)\n    __record_slot_due__(self, due)\n    __record_slot_source__(self, source)\n    __record_slot_text__(self, text)\n    __record_slot_due_text__(self, due_text)\n    __record_slot_tags__(self, __record_make_tags__() if tags is __record_factory__ else tags)\n    __record_slot_note__(self, note)\n    __record_slot_revisions__(self, __record_make_revisions__() if revisions is __record_factory__ else revisions)\n': _29,
    'def __init__(self, *, task, status, completed=__record_default_completed__, result=__record_default_result__, difficulties=__record_default_difficulties__, evidence=__record_default_evidence__, proposals=__record_default_proposals__):\n    __record_slot_task__(self, task)\n    __record_slot_status__(self, status)\n    __record_slot_completed__(self, completed)\n    __record_slot_result__(self, result)\n    __record_slot_difficulties__(self, difficulties)\n    __record_slot_evidence__(self, evidence)\n    __record_slot_proposals__(self, proposals)\n': _30,
    'def __init__(self, *, programme, groups):\n    __record_slot_programme__(self, programme)\n    __record_slot_groups__(self, groups)\n': _31,
    "def __init__(self, width, terminal=__record_default_terminal__, styled=__record_default_styled__, coloured=__record_default_coloured__):\n    __record_set__(self, 'width', width)\n    __record_set__(self, 'terminal', terminal)\n    __record_set__(self, 'styled', styled)\n    __record_set__(self, 'coloured', coloured)\n": _32,
    'def __init__(self, state, latest, deadline, days_overdue=__record_default_days_overdue__):\n    __record_slot_state__(self, state)\n    __record_slot_latest__(self, latest)\n    __record_slot_deadline__(self, deadline)\n    __record_slot_days_overdue__(self, days_overdue)\n': _33,
    'def __init__(self, entry, agency, period, submitted, document):\n    __record_slot_entry__(self, entry)\n    __record_slot_agency__(self, agency)\n    __record_slot_period__(self, period)\n    __record_slot_submitted__(self, submitted)\n    __record_slot_document__(self, document)\n': _34,
    'def __init__(self, state, value, observed, deadline, explanation):\n    __record_slot_state__(self, state)\n    __record_slot_value__(self, value)\n    __record_slot_observed__(self, observed)\n    __record_slot_deadline__(self, deadline)\n    __record_slot_explanation__(self, explanation)\n': _35,
    'def __init__(self, observation, agency, period, submitted):\n    __record_slot_observation__(self, observation)\n    __record_slot_agency__(self, agency)\n    __record_slot_period__(self, period)\n    __record_slot_submitted__(self, submitted)\n': _36,
    'def __init__(self, as_of, entries=__record_factory__, reported=__record_factory__, newest_cover=__record_factory__, submitted=__record_factory__, observations=__record_factory__, unreported=__record_factory__):\n    self.as_of = as_of\n    self.entries = __record_make_entries__() if entries is __record_factory__ else entries\n    self.reported = __record_make_reported__() if reported is __record_factory__ else reported\n    self.newest_cover = __record_make_newest_cover__() if newest_cover is __record_factory__ else newest_cover\n    self.submitted = __record_make_submitted__() if submitted is __record_factory__ else submitted\n    self.observations = __record_make_observations__() if observations is __record_factory__ else observations\n    self.unreported = __record_make_unreported__() if unreported is __record_factory__ else unreported\n': _37,
}
