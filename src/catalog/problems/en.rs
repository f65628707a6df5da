//! Content problems in English: what is wrong, then what is expected.

use super::{Fault, Msg, SyntaxHint, quoted_list};

/// " Did you mean `x`?" when a near name is known.
fn maybe(nearest: &Option<String>) -> String {
    nearest.as_ref().map(|n| format!(". Did you mean `{n}`?")).unwrap_or_default()
}

pub(super) fn text(msg: &Msg, first: &str) -> String {
    match msg {
        Msg::SiteMissing { written: None } => {
            "site.yaml is missing: expected a file with at least `title` and `base_url`".into()
        }
        Msg::SiteMissing { written: Some(written) } => format!(
            "site.yaml is missing, but `{written}` is there: rename it to site.yaml (to see file name \
             extensions in File Explorer: View › File name extensions)"
        ),
        Msg::CannotRead { cause } => format!("cannot be read: {cause}"),
        Msg::FileTooLarge { mib } => {
            format!(
                "is larger than {mib} MiB: expected a file of at most {mib} MiB (split the data into several files)"
            )
        }
        Msg::Utf16 => {
            "is saved as UTF-16 text: expected the file saved as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"
                .into()
        }
        Msg::NotUtf8 => "is not UTF-8 text from here on: expected the file saved as UTF-8".into(),
        Msg::ControlChar { code } => format!(
            "holds the control character U+{code:04X} here, which a text cannot show: delete it (it may come \
             from copying out of another program)"
        ),
        Msg::TooDeep { max } => {
            format!("lists and mappings nest more than {max} levels deep here: expected at most {max} levels")
        }
        Msg::YamlSyntax { hint, detail } => {
            let plain = match hint {
                Some(SyntaxHint::ColonInValue) => {
                    "a value that contains \": \" must be put in quotes, e.g. name: \"Cell: hamlet 1\""
                }
                Some(SyntaxHint::CannotStart) => {
                    "this character cannot start a value: put the text in quotes (and indent with spaces, not tabs)"
                }
                Some(SyntaxHint::KeyIndentation) => "the indentation does not line up with the fields above",
                Some(SyntaxHint::ListIndentation) => {
                    "the indentation does not line up with the list items (starting with `- `) above"
                }
                Some(SyntaxHint::Unclosed) => "a quote or bracket is not closed",
                Some(SyntaxHint::Tab) => "this line is indented with a tab: indent with spaces",
                None => "YAML syntax error",
            };
            format!("{plain} (YAML: {detail})")
        }
        Msg::DataNotMapping => "expected a mapping with `units:` and/or `reports:` lists".into(),
        Msg::DataIsList { list: Some(list) } => {
            format!("this list has no name: add a line `{list}:` above it, at the start of the line")
        }
        Msg::DataIsList { list: None } => {
            "this list has no name: add a line `units:` or `reports:` above it, at the start of the line"
                .into()
        }
        Msg::NotAList { list } => format!("`{list}` must be a list (each item starting with `- `)"),
        Msg::FrontMatterMissing => {
            "missing front matter: expected the file to start with a `---` line, the YAML \
                                    fields (title, date…), and another `---` line"
                .into()
        }
        Msg::FrontMatterUnclosed => "front matter is not closed: expected a line `---` after its YAML".into(),
        Msg::FrontMatterEmpty => "front matter is empty: expected at least `title` and `date`".into(),
        Msg::IgnoredInData => {
            "ignored: only .yaml files and .xlsx, .ods and .csv spreadsheets are read from data/".into()
        }
        Msg::WorkbookUnreadable { cause } => format!(
            "cannot be opened as a workbook ({cause}): expected a file Excel or LibreOffice saved as .xlsx"
        ),
        Msg::CsvNotUtf8 => "this CSV file is not UTF-8 from here on: in Excel, Save As and choose \
                            CSV UTF-8 (Comma delimited)"
            .into(),
        Msg::NoSheetFound => "ignored: no sheet has a header row of units (id, name) or of reports (unit, \
                              period, admitted)"
            .into(),
        Msg::MissingColumn { column } => format!(
            "the header row has no column `{column}` ({}): every row of this sheet needs it, so none was read",
            crate::catalog::EN_SHEETS.required_header(column)
        ),
        Msg::UnknownColumn { header, nearest, expected } => {
            let hint = match nearest {
                Some(n) => format!(" Did you mean `{n}`?"),
                None => format!(" Expected one of {}.", quoted_list(expected)),
            };
            format!("unknown column `{header}`.{hint}")
        }
        Msg::ColumnTwice { header, field } => {
            format!("column `{header}` ({field}) is given twice: expected one column per field")
        }
        Msg::IgnoredInNews => "ignored: only .md files are read from news/ (put images in static/)".into(),
        Msg::Misnamed { name } => format!(
            "ignored for its extension: rename it to {name} (to see file name extensions in File \
             Explorer: View › File name extensions)"
        ),
        Msg::SymlinkLoop => "symbolic link loop: not followed".into(),
        Msg::SymlinkOutside { target } => format!(
            "symbolic link to {target} leads outside the content folder: not published (copy what it points \
             to into static/ to publish it)"
        ),
        Msg::DanglingLink { target } => {
            format!("symbolic link to {target}, where there is no file: mend or remove the link")
        }
        Msg::UncheckedReferences { count } => format!(
            "{count} reference{} to units or articles that may be defined in this file {} not checked: fix \
             this file's problem first",
            if *count == 1 { "" } else { "s" },
            if *count == 1 { "was" } else { "were" }
        ),
        Msg::UnknownField { key, nearest, expected } => {
            let hint = match nearest {
                Some(n) => format!(" Did you mean `{n}`?"),
                None => format!(" Expected one of {}.", quoted_list(expected)),
            };
            format!("unknown field `{key}`.{hint}")
        }
        Msg::MissingField { field } => format!("missing required field `{field}`"),
        Msg::WrongType { field, found, expected } => {
            // serde names YAML's empty value (`admitted:`, `~`) its "unit value", which
            // reads here as a party unit.
            let found = found.replace("unit value", "an empty value");
            format!("{field}: {found} cannot go here: expected {expected}")
        }
        Msg::Value { field, fault } => format!("{field}: {}", fault_text(fault)),
        Msg::Other { field, detail } if field.is_empty() => format!("value not accepted ({detail})"),
        Msg::Other { field, detail } => format!("{field}: value not accepted ({detail})"),
        Msg::SiteTitleEmpty => "title is empty: expected the bulletin's name".into(),
        Msg::BaseUrlNotWeb { url } => {
            format!("base_url `{url}` is not absolute: expected an address like https://example.org/ban-tin/")
        }
        Msg::CurrentPeriodNoReport { label, nearest } => format!(
            "current_period `{label}` has no report: expected a period label used in data/{}",
            maybe(nearest)
        ),
        Msg::CategoryBuiltin { key } => format!("category `{key}` is built in: remove it from categories"),
        Msg::CategoryKeyInvalid { key } => {
            format!("category key `{key}` is not valid: expected lowercase letters, digits and `_`")
        }
        Msg::CategoryLabelEmpty { key } => {
            format!("category `{key}` has an empty label: expected the name to show")
        }
        Msg::IssuerTooManyLines { lines, max } => format!(
            "issuer has {lines} lines: expected at most {max}, the superior bodies first and the issuing body last"
        ),
        Msg::IssuerLineEmpty => "issuer line is empty: expected the name of a body".into(),
        Msg::PlaceEmpty => "place is empty: expected the place of issue, e.g. Khánh Hòa".into(),
        Msg::EditionNumberEmpty => "edition.number is empty: expected a number like 12".into(),
        Msg::UnitIdInvalid { id, folded } => match folded {
            Some(f) => format!(
                "id `{id}` is not valid: expected lowercase letters without accents, digits and `-`; write `{f}`"
            ),
            None => {
                format!("id `{id}` is not valid: expected lowercase letters without accents, digits and `-`")
            }
        },
        Msg::UnitNameEmpty { id } if id.trim().is_empty() => "a unit has an empty name".to_string(),
        Msg::UnitNameEmpty { id } => format!("unit `{id}` has an empty name"),
        Msg::UnitIdEmpty { name, suggested } => {
            let unit = if name.trim().is_empty() { "a unit".to_string() } else { format!("unit `{name}`") };
            let example = suggested.as_ref().map_or(String::new(), |s| format!(", such as `{s}`"));
            format!("{unit} has no id: expected lowercase letters without accents, digits and `-`{example}")
        }
        Msg::UnitRefEmpty => "no unit id given: expected the id of a unit in data/".to_string(),
        Msg::UnitIdTwice { id } => {
            format!("unit id `{id}` is used twice (first at {first}): expected unique ids")
        }
        Msg::UnknownUnit { id, nearest } => {
            format!("unit `{id}` does not exist: expected the id of a unit in data/{}", maybe(nearest))
        }
        Msg::Cycle { units } => format!("units form a cycle ({}): expected a tree", units.join(" → ")),
        Msg::PeriodTwoMeanings { label, from, to, other_from, other_to } => format!(
            "period `{label}` is {from} … {to} here but {other_from} … {other_to} at {first}: one label must \
             always mean the same days"
        ),
        Msg::AsOfBeforePeriod { as_of, label, from } => {
            format!("as_of ({as_of}) is before period {label} starts ({from})")
        }
        Msg::AsOfAfterPeriod { as_of, label, to } => {
            format!("as_of ({as_of}) is after period {label} ends ({to})")
        }
        Msg::DeadlineOutside { deadline, label, from, to } => {
            format!("deadline ({deadline}) is outside period {label} ({from} … {to})")
        }
        Msg::TargetZero => "target value is 0: expected a whole number > 0".into(),
        Msg::MaxBelowValue { max, value } => {
            format!("max ({max}) is smaller than value ({value}): expected max >= value")
        }
        Msg::TargetWithoutValue => "target has no value and no rate_pct: expected the people to admit \
                                    (value: 246) or a rate of the members at the start (rate_pct: 3)"
            .into(),
        Msg::TargetValueAndRate { value, rate } => format!(
            "target has both value ({value}) and rate_pct ({rate}): a target is a count or a rate, not \
             both; write two targets when a resolution sets both"
        ),
        Msg::RateWithoutStart { rate } => format!(
            "a rate target (rate_pct: {rate}) needs the members at the start: add members_at_start (the \
             members on the period's first day) to this report"
        ),
        Msg::RateOutOfRange { field, rate } => {
            format!(
                "{field} ({rate}) is not above 0 and at most 100: expected a percent of the members at the start"
            )
        }
        Msg::MaxRateBelowRate { max, rate } => {
            format!(
                "max_rate_pct ({max}) is smaller than rate_pct ({rate}): expected max_rate_pct >= rate_pct"
            )
        }
        Msg::MaxWithRate => {
            "max is a count, for targets with value: a rate target's top is max_rate_pct".into()
        }
        Msg::MaxRateWithValue => {
            "max_rate_pct is a rate, for targets with rate_pct: a count target's top is max".into()
        }
        Msg::MembersZero => "members is 0: expected a whole number > 0".into(),
        Msg::MembersAtStartZero => "members_at_start is 0: expected a whole number > 0".into(),
        Msg::UnknownCategory { key, nearest, known } => {
            let hint = match nearest {
                Some(n) => format!(" Did you mean `{n}`?"),
                None => format!(
                    " Expected one of {}, or declare it under `categories` in site.yaml.",
                    quoted_list(known)
                ),
            };
            format!("unknown composition category `{key}`.{hint}")
        }
        Msg::CompositionAboveAdmitted { field, count, admitted } => {
            format!("{field} ({count}) is larger than admitted ({admitted})")
        }
        Msg::SourceNotWeb { source } => format!(
            "source `{source}` is not an http(s) address: expected one starting with http:// or https://, or the \
             slug of an article in news/"
        ),
        Msg::SourceNotArticle { slug, nearest } => format!(
            "source `{slug}` is not an article: expected the slug of an article in news/ or an http(s) address{}",
            maybe(nearest)
        ),
        Msg::SourceDraft { slug } => {
            format!("source `{slug}` is a draft: the pages name no source until it is published")
        }
        Msg::SourceBeforeAsOf { slug, date, as_of } => {
            format!("source article `{slug}` is dated {date}, before as_of ({as_of})")
        }
        Msg::ReportTwice { unit, label, as_of } => format!(
            "a second report of `{unit}` for period {label} as of {as_of} (the first at {first}): expected one \
             report per unit, period and as_of"
        ),
        Msg::ChildrenExceed { unit, label, sum, admitted } => format!(
            "the units under `{unit}` admitted {sum} in period {label} together, more than its own admitted ({admitted})"
        ),
        Msg::SnapshotSmaller { unit, label, admitted, earlier, earlier_as_of } => format!(
            "the running total of `{unit}` for period {label} falls from {earlier} (as of {earlier_as_of}) to \
             {admitted}: a later report gives the total since the period began, not the month's own figure"
        ),
        Msg::ArticleTitleEmpty => "title is empty: expected the article's headline".into(),
        Msg::SlugNotUrl { written, folded } => match folded {
            Some(f) => format!("slug `{written}` cannot be part of a URL: write `{f}`"),
            None => {
                format!("slug `{written}` cannot be part of a URL: expected letters, digits, spaces or `-`")
            }
        },
        Msg::SlugTwice { slug } => {
            format!("slug `{slug}` is used twice (first at {first}): expected unique slugs")
        }
        Msg::TagEmpty => "tag is empty: expected a word or phrase".into(),
        Msg::SourceUrlNotWeb { url } => {
            format!(
                "source_url `{url}` is not an http(s) address: expected one starting with http:// or https://"
            )
        }
        Msg::UnsafeLink { url } => format!(
            "URL `{url}` is not allowed in a link or image: only http:, https:, mailto:, tel:, relative and # URLs \
             are kept; the page shows the link's text or the image's alt text instead"
        ),
        Msg::StaticOverFile { path } => format!(
            "static/{path} would replace the generated file {path}: rename or move it (static files keep their \
             paths in the site)"
        ),
        Msg::StaticOverFolder { path } => format!(
            "static/{path} would take the place of the generated folder {path}/: rename or move it (static \
             files keep their paths in the site)"
        ),
        Msg::StaticUnderFile { path, file } => format!(
            "static/{path} needs a folder {file}/ where the generated file {file} is written: rename or move it \
             (static files keep their paths in the site)"
        ),
        Msg::StaticInCharts { path } => format!(
            "static/{path} is inside charts/, where the charts are written: rename or move it (static files \
             keep their paths in the site)"
        ),
        Msg::StaticInSearch { path } => format!(
            "static/{path} is inside search/, where the search index is written: rename or move it (static \
             files keep their paths in the site)"
        ),
    }
}

fn fault_text(fault: &Fault) -> String {
    match fault {
        Fault::NotWhole { written } => {
            format!("`{written}` is not a whole number: expected a whole number >= 0")
        }
        Fault::Negative { written } => format!("`{written}` is negative: expected a whole number >= 0"),
        Fault::CountTooLarge { written, max } => {
            format!("`{written}` is above the largest count: expected a whole number from 0 to {max}")
        }
        Fault::Thousands { written, digits } => {
            format!("`{written}` has a thousands separator: in data files write the digits alone: {digits}")
        }
        Fault::Percent { written } => {
            format!(
                "`{written}` is a percentage where a count of people belongs: write the count (bantin computes rates)"
            )
        }
        Fault::OrderTooFar { written, max } => {
            format!("`{written}` is too far from 0: expected a whole number from -{max} to {max}")
        }
        Fault::NotADate { written } => {
            format!("`{written}` is not a date: expected YYYY-MM-DD, e.g. 2024-03-31")
        }
        Fault::DayFirst { written, iso } => {
            format!("`{written}` puts the day first: write {iso} (YYYY-MM-DD)")
        }
        Fault::NoSuchDate { written, year, month, days } => {
            format!("`{written}` is not a date that exists: {year}-{month:02} has {days} days")
        }
        Fault::BadTime { written } => {
            format!("`{written}` is not a date and time: expected 2024-05-04 or 2024-05-04 14:30")
        }
        Fault::PeriodInvalid { written } => format!(
            "period `{written}` is not valid: expected a year like 2016, a term like 2015-2020, or \
             {{from: YYYY-MM-DD, to: YYYY-MM-DD, label: …}}"
        ),
        Fault::PeriodReversed { written } => {
            format!("period `{written}` ends before it starts: expected the earlier year first")
        }
        Fault::RateAsText { written, number } => format!(
            "`{written}` is written as text: expected the rate as a number, without % and with a decimal \
             point, like {number}"
        ),
        Fault::NotARate { written } => {
            format!("`{written}` is not a rate: expected a percentage as a number, like 3 or 3.5")
        }
        Fault::PeriodLabelEmpty => "period label is empty: expected a label such as \"2020-2025\"".into(),
        Fault::NamedPeriodReversed { label, from, to } => {
            format!("period `{label}` ends ({to}) before it starts ({from})")
        }
    }
}
