//! English, as a careful statistics office writes it.

use super::{
    Built, ByStanding, CategoryLabels, ChartLabels, Column, ContentCounts, Definition, Help, Labels, Named,
    OutColumns, Progress, ReportColumns, SearchLabels, Setting, SheetLabels, SiteSettings, Starter,
    TrainingFacts, UnitColumns, Usage, Words,
};
use crate::locale::Locale;
use crate::model::Language;
use crate::model::period::PeriodKind;
#[cfg(feature = "serve")]
use crate::serve::ServeError;
use crate::write::Refusal;
use std::path::Path;

pub struct En;

/// `1,234`: counts grouped as English writes them.
fn n<T: TryInto<u64>>(count: T) -> String {
    Locale::new(Language::En).integer(count.try_into().unwrap_or(u64::MAX))
}

/// `1 error`, `2 errors`: a count with its noun in the right number.
fn count<T: TryInto<u64> + Copy>(number: T, one: &str, many: &str) -> String {
    let is_one = number.try_into().is_ok_and(|x: u64| x == 1);
    format!("{} {}", n(number), if is_one { one } else { many })
}

/// `; the target was achieved or exceeded in 2 of 9 years with a target`, or nothing
/// when no year had a target; `targets` is (years reached, years with a target).
fn years_reached(targets: Option<(usize, usize)>) -> String {
    targets.map_or_else(String::new, |(reached, of)| {
        format!(
            "; the target was achieved or exceeded in {} of {} with a target",
            n(reached),
            count(of, "year", "years")
        )
    })
}

/// What to do instead, after every refusal of an output folder.
const ELSEWHERE: &str = "choose a new or empty folder with --output DIR";

pub static EN: Labels = Labels {
    home: "Home",
    news: "News",
    units: "Units",
    tags: "Topics",
    data: "Data",
    skip: "Skip to content",
    main_nav: "Main navigation",
    breadcrumb: "Breadcrumb",
    period: "Period",
    as_of: "As of",
    admitted: "Admitted",
    admitted_long: "New members admitted",
    target: "Target",
    targets: "Targets",
    achievement: "Achievement",
    status: "Status",
    status_exceeded: "Exceeded",
    status_achieved: "Achieved",
    status_behind: "Behind",
    status_on_pace: "On pace",
    status_behind_pace: "Behind pace",
    set_by: "Set by",
    deadline: "Deadline",
    change: "Change on the same period a year earlier",
    change_whole_year: "Change on the previous year",
    no_comparable: "No figure for the same period a year earlier",
    rank: "Rank",
    rank_admitted: "Rank by admissions",
    rank_achievement: "Rank by achievement",
    of: "of",
    members: "Party members",
    members_at_start: "Members at the start",
    organizations: "Subordinate organisations",
    admission_rate: "Admissions per member",
    composition: "Composition of the admitted",
    category: "Category",
    count: "Count",
    share: "Share",
    training: "Training",
    awareness_classes: "Party awareness classes",
    awareness_trainees: "Awareness trainees",
    new_member_classes: "New-member classes",
    new_member_trainees: "New-member trainees",
    conversion: "Admitted per awareness trainee",
    confirmed: "Made full members",
    pace: "Pace",
    elapsed: "Time elapsed",
    expected: "Expected by now",
    pace_pct: "Pace against plan",
    projected: "Projected at deadline",
    required_per_month: "Needed per month",
    days: "days",
    derived: "Summed from subordinate units",
    snapshots: "Updates during the period",
    source: "Source",
    note: "Note",
    author: "Author",
    published: "Published",
    main_points: "Main points",
    headline: "Key figures",
    ranking: "Ranking of units",
    by_achievement_order: "By achievement of the target",
    by_admitted_order: "By admissions",
    without_target: "Units without a target",
    children: "Subordinate units",
    unit: "Unit",
    figures: "Figures by period",
    latest_news: "Latest news",
    all_news: "All news",
    unit_news: "News about this unit",
    charts: "Charts",
    chart_data: "Chart data",
    no_data: "No data yet",
    no_news: "No news yet",
    contact: "Contact",
    next_release: "Next release",
    page: "Page",
    previous_page: "Previous page",
    next_page: "Next page",
    pagination: "Pagination",
    tagged: "News on",
    articles_count: "articles",
    units_in_article: "Figures of the units named",
    downloads: "Download the data",
    json_file: "All indicators (JSON)",
    csv_file: "Indicator table (CSV, machine format: decimal points)",
    xlsx_file: "Indicator workbook (Excel, LibreOffice): a sheet of reports, a sheet of targets",
    spreadsheet_advice: "To read or work on the figures in Excel or LibreOffice, open indicators.xlsx: its \
                         numbers, percentages and dates show right in any locale. The CSV file is for \
                         programs; a spreadsheet set to a locale with a decimal comma may misread its \
                         numbers.",
    chart_downloads: "Download this table",
    definitions: "How the indicators are computed",
    not_found: "Page not found",
    not_found_text: "The page you asked for is not in this bulletin. Go to the front page or the list of news.",
    feed: "News feed (Atom)",
    sub_units: "Units below",
    sub_units_no_figures: "Units below without figures for this period",
    latest_figures: "Latest figures",
    period_details: "Each period in detail",
    show_ranking: "Show the ranking of",
    first_page: "First page",
    last_page: "Last page",
    archive: "Archive by month",
    all_units: "All units",
    summary_of: "Summary of",
    read_more: "Read more",
    task_done: "Done",
    task_open: "Not done",
    youth_in_sentence: "youth union members",
    women_in_sentence: "women",
    summed_mark: "(sum)",
    search: SearchLabels {
        label: "Search",
        button: "Search",
        hint: "Type a unit's name or id, or words from the news; with or without Vietnamese accents, \
               as in “dang vien” or “Đắk Lắk”.",
        needs_script: "Search needs JavaScript turned on in the browser. Units are listed under “Units” \
                       and articles under “News”.",
        found_one: "1 result found",
        found: "{n} results found",
        none: "No results found",
        more: "Show more results",
        unavailable: "The search data could not be opened. Open the bulletin from its complete folder \
                      or from its website.",
    },
    glossary: [
        Definition {
            term: "Admitted",
            text: "People admitted to the Party in the period, counted up to the date in the “As of” column.",
        },
        Definition {
            term: "Achievement",
            text: "Admissions divided by the target, times 100. For example, 929 admitted against a target \
                   of 850 is 109.3%.",
        },
        Definition {
            term: "Status",
            text: "“Exceeded” when admissions are above the target (or above the top of a target range); \
                   “Achieved” when they reach it. Before the deadline a target not reached yet is “On \
                   pace” when admissions are at or above what is expected by now, else “Behind pace”; \
                   after the deadline it is “Behind”.",
        },
        Definition {
            term: "Rate targets",
            text: "A target set as a rate of the members at the start of the period (say 3–4%) is turned \
                   into people: 3% of 5,544 members is 166.32, so at least 167 people. Achievement and \
                   status use the unrounded figure.",
        },
        Definition {
            term: "Composition",
            text: "New members in each group (youth union members, women, ethnic minorities…) divided by \
                   all admissions, times 100. Not shown when nobody was admitted.",
        },
        Definition {
            term: "Admissions per member",
            text: "Admissions divided by the unit’s party members, times 100.",
        },
        Definition {
            term: "Admitted per awareness trainee",
            text: "Admissions divided by the people trained in party awareness classes, times 100.",
        },
        Definition {
            term: "Pace",
            text: "Before the deadline: days elapsed (first and last day included) against all days to the \
                   deadline; expected by now = target × elapsed ÷ total days; pace = admissions ÷ expected; \
                   projected = admissions × total ÷ elapsed days; needed per month = what is missing ÷ \
                   months left (a month is 30.4375 days).",
        },
        Definition {
            term: "Change on the same period a year earlier",
            text: "For a one-year period: the difference from the same unit’s figure counted to the same \
                   day a year earlier (or the nearest day within 7 days), and that difference as a \
                   percentage of it. A whole year compares with the whole previous year. Without such a \
                   figure there is no comparison.",
        },
        Definition {
            term: "Rank",
            text: "Among the units under the same parent with figures for the same period: by admissions \
                   and by achievement of the first target; ties share a rank (1, 2, 2, 4).",
        },
        Definition {
            term: "Summed (Σ)",
            text: "When a unit has no report of its own for a period, its figures are the sum of its units \
                   that have one; “Σ 3 of 4 units” is the sum of 3 of its 4 units. Summed figures carry no \
                   target. A figure is summed only when every unit summed gives it.",
        },
    ],
    categories: CategoryLabels {
        youth: "Youth union members",
        women: "Women",
        ethnic_minority: "Ethnic minorities",
        religious: "Religious followers",
        pupils: "Pupils",
        students: "University students",
        enterprise_workers: "Enterprise workers",
        postgraduate: "Postgraduate",
        university: "University degree",
    },
    chart: ChartLabels {
        status: ByStanding {
            behind: "behind",
            behind_pace: "behind pace",
            on_pace: "on pace",
            achieved: "achieved",
            exceeded: "exceeded",
        },
        legend: ByStanding {
            behind: "Behind target",
            behind_pace: "Running, behind pace",
            on_pace: "Running, on pace",
            achieved: "Target achieved",
            exceeded: "Target exceeded",
        },
        target_line: "100% = target",
        achievement_axis: "Admitted as a percentage of the target",
        achievement_headers: ["Unit", "Admitted", "Target", "Achievement", "Status"],
        admitted: "Admitted",
        target: "Target",
        target_range: "Target range",
        years_headers: ["Year", "Admitted", "Target", "Achievement"],
        composition_headers: ["Group", "People", "Share"],
        admitted_so_far: "Admitted so far",
        even_pace: "Even pace to the target",
        projected_at_pace: "Projected at the current pace",
        progress_headers: ["Date", "Admitted", "Expected on schedule", "Share of target"],
        trained_awareness: "Trained in awareness of the Party",
        admitted_to_party: "Admitted to the Party",
        new_members_trained: "New members trained",
        people_axis: "People",
        people_axis_conversion: "People; (%) = admitted as a share of those trained in awareness",
        conversion_row: "Admitted as a share of those trained",
        training_headers: ["Item", "People", "Classes"],
    },
};

pub static EN_SHEETS: SheetLabels = SheetLabels {
    units_sheet: "Units",
    reports_sheet: "Reports",
    guide_sheet: "Guide",
    targets_sheet: "Targets",
    guide_title: "How to enter party-member development figures",
    guide_intro: [
        "The “Units” sheet declares the party organisations: one unit a row. The “Reports” sheet holds \
         the figures: each row is what one unit achieved in one period, counted up to one date.",
        "Keep the header row (the columns' names) of each sheet; columns you do not use may be deleted, \
         and rows added freely. An empty cell means no figure.",
        "Write numbers as digits, without thousands separators; write dates as Excel dates or as \
         year-month-day (2024-05-04).",
        "Save the file in the bulletin's data/ folder, then run bantin check: each problem names its \
         sheet and cell, e.g. Reports!D12.",
    ],
    guide_headers: ["Column", "Field name", "Required", "Meaning"],
    required: "required",
    optional: "optional",
    units: UnitColumns {
        id: Column {
            header: "Unit id",
            note: "The unit's own id: lowercase letters without accents, digits and hyphens, e.g. \
                   krong-pac. Never used twice.",
        },
        name: Column {
            header: "Unit name", note: "The full name, e.g. Krông Pắc district party committee."
        },
        kind: Column { header: "Kind", note: "The kind of party organisation, as pages show it." },
        parent: Column {
            header: "Parent unit id",
            note: "The id of the unit directly above; empty for a top-level unit.",
        },
        order: Column { header: "Order", note: "Sort key among units with the same parent; empty: by name." },
    },
    reports: ReportColumns {
        unit: Column { header: "Unit id", note: "The id of a unit of the Units sheet." },
        unit_name: Column {
            header: "Unit name",
            note: "The unit's name, for the people who fill the sheet; bantin does not read it.",
        },
        period: Column {
            header: "Period",
            note: "A year (2024) or a term (2020-2025). For a period of its own dates, its label here, \
                   with From and To.",
        },
        period_from: Column { header: "From", note: "The first day of a period of its own dates." },
        period_to: Column { header: "To", note: "The last day of a period of its own dates." },
        as_of: Column {
            header: "As of",
            note: "The day the figures were counted, inside the period; empty: the period's last day.",
        },
        admitted: Column {
            header: "Admitted",
            note: "New members admitted in the period, counted from its start up to the as-of day.",
        },
        members: Column { header: "Members", note: "The unit's party members on the as-of day." },
        members_at_start: Column {
            header: "Members at start",
            note: "Party members on the period's first day; needed by targets given as a rate.",
        },
        organizations: Column { header: "Organisations", note: "Subordinate party organisations." },
        confirmed: Column {
            header: "Confirmed",
            note: "Probationary members confirmed as full members in the period.",
        },
        source: Column {
            header: "Source",
            note: "The slug of an article in news/, or a web address starting with https://.",
        },
        note: Column { header: "Note", note: "Any remark." },
        target_value: Column {
            header: "Target {n}",
            note: "The admissions target set (people, above 0); the lower bound of a range.",
        },
        target_max: Column {
            header: "Target {n} max",
            note: "The upper bound of a target range, e.g. 220 to 240.",
        },
        target_rate_pct: Column {
            header: "Target {n} rate %",
            note: "A target as a percentage of the members at the period's start, instead of Target.",
        },
        target_max_rate_pct: Column {
            header: "Target {n} max rate %",
            note: "The upper bound of a rate target range.",
        },
        target_by: Column { header: "Target {n} set by", note: "Who set the target." },
        target_document: Column {
            header: "Target {n} document",
            note: "The document that set it, e.g. a congress resolution.",
        },
        target_deadline: Column {
            header: "Target {n} deadline",
            note: "The day it is due, inside the period; empty: the period's last day.",
        },
    },
    composition_note: "New members in this group, at most the number admitted.",
    training_note: "Classes held or people trained in the period.",
    out: OutColumns {
        unit_id: "Unit id",
        unit_name: "Unit name",
        unit_path: "Under",
        from: "From",
        to: "To",
        latest: "Latest figure of the period",
        derived: "Summed from the units below",
        target_number: "Target no.",
        value: "Target",
        max: "Target max",
        document: "Document",
        elapsed_days: "Days elapsed",
        total_days: "Days to the deadline",
        elapsed_pct: "Time elapsed",
        change_previous: "Compared with",
        change_delta: "Change on the previous year",
        change_pct: "Change on the previous year (%)",
        rank_of: "Units ranked",
        count_suffix: "(people)",
        share_suffix: "(share)",
        source_note: "Figures computed by bantin from the reports; percentages keep full precision, \
                      cells show them rounded.",
    },
};

pub static EN_STARTER: Starter = Starter {
    site_intro: "# The bulletin's settings. Lines starting with # explain them; bantin skips them.\n\
                 # To use a setting that is switched off, delete the # at the start of its line.\n\
                 # The figures are in data/ (the workbook reports.xlsx), the articles in news/.\n",
    site: SiteSettings {
        title: Setting {
            comment: "The bulletin's name (required), at the top of every page.",
            line: "title: Party member development bulletin",
        },
        description: Setting {
            comment: "One sentence about the bulletin.",
            line: "description: Figures and news on party member development",
        },
        base_url: Setting {
            comment: "The web address the bulletin is published at (required), ending in /.",
            line: "base_url: https://example.org/bulletin/",
        },
        language: Setting {
            comment: "The pages' language: vi (Vietnamese) or en (English).",
            line: "language: en",
        },
        root_unit: Setting {
            comment: "The id of the unit the front page sums up: an id of the workbook's Units sheet.",
            line: "root_unit: province",
        },
        current_period: Setting {
            comment: "The period the front page sums up; switched off: the latest period with figures.",
            line: "# current_period: 2024",
        },
        percent_decimals: Setting {
            comment: "Decimals of the percentages on the pages.",
            line: "percent_decimals: 1",
        },
        contact: Setting {
            comment: "Whom to contact, at the foot of every page.",
            line: "contact: Organisation board of the provincial party committee, phone 0000 000 000",
        },
        next_release: Setting {
            comment: "The day the figures are next updated (year-month-day).",
            line: "# next_release: 2024-10-15",
        },
        issuer: Setting {
            comment: "The body that issues the bulletin.",
            line: "# issuer: Organisation board",
        },
        place: Setting { comment: "The place of issue.", line: "# place: Province name" },
        edition: Setting {
            comment: "The bulletin's number and date of issue.",
            line: "# edition:\n#   number: 1\n#   issued: 2024-07-10",
        },
        private: Setting {
            comment: "true: keeps the bulletin out of search engines.",
            line: "# private: true",
        },
        categories: Setting {
            comment: "Composition groups of your own besides the built-in ones: a key (lowercase, no accents, \
                      _) and a label. In the workbook, each is a column headed by its key.",
            line: "# categories:\n#   veterans: Veterans",
        },
    },
    workbook: "reports.xlsx",
    article_slug: "east-district-admissions-first-half",
    article: "---\n\
              title: East district admits 57 new members in the first half of the year\n\
              date: 2024-07-05\n\
              units: [east-district]\n\
              tags: [admissions, example]\n\
              source: Organisation board\n\
              ---\n\
              This is the bulletin's example article: edit or delete this file, and write the others in \
              the news/ folder, one .md file each.\n\n\
              In the first half of 2024 the East district party committee admitted 57 new members, nearly \
              half of the year's target. Of the new members, 25 are women and 31 youth union members.\n\n\
              The article's head (between the two `---` lines) gives its title, its date and the ids of \
              the units it is about; their figures show under the article.\n",
    units: [
        ["province", "Provincial party committee", "Provincial committee"],
        ["east-district", "East district party committee", "District committee"],
        ["west-district", "West district party committee", "District committee"],
    ],
    target_by: ["East district committee", "West district committee"],
    target_document: "Resolution of the district party congress",
    report_note: "Example figures: replace them with your unit's",
};

pub static EN_HELP: Help = Help {
    about: "bantin turns a folder of YAML data and Markdown news about party-member development into a \
            static HTML bulletin with indicators and SVG charts.",
    usage_heading: "Usage",
    commands_heading: "Commands",
    options_heading: "Options",
    usage: "bantin [OPTIONS] <COMMAND>",
    usage_lines: "Usage lines:",
    defaults: "Defaults: --content content, --templates templates (when that folder exists, else the \
               built-in theme), --output output.\n\
               Messages speak --lang vi|en; without it, the content's language, and before site.yaml \
               is read, that of LANG (English when it starts with en, else Vietnamese).\n\
               Exit status: 0 success (warnings allowed), 1 content or template errors, 2 usage errors.",
    build: "Validate the content, compute the indicators and write the site.",
    build_long: "The output folder is replaced only when everything succeeded: a build with errors leaves \
                 the previous site exactly as it was.",
    build_usage: "bantin build [--content DIR] [--templates DIR] [--output DIR] [--timings] [--no-pdf]",
    check: "Validate the content and compute the indicators; print every problem, write nothing.",
    check_usage: "bantin check [--content DIR] [--timings]",
    serve: "Build the site in memory and serve it over HTTP, rebuilding on every change.",
    serve_long: "Each page and chart is made when first opened, so even a large bulletin shows at once. \
                 Watches the content and templates folders; after a file is saved, only the pages and \
                 charts the change touches are made again, and open pages reload. When the content has \
                 errors they are printed and shown over the page, and the last good site stays served. \
                 Nothing is written to disk.",
    serve_usage: "bantin serve [--content DIR] [--templates DIR] [--port 1111] [--bind 127.0.0.1] [--open] \
                  [--timings]",
    new: "Write a starter bulletin into a new or empty folder.",
    new_long: "The new folder holds site.yaml (each setting explained), an example article in news/ and the \
               workbook data/reports.xlsx with a Units sheet, a Reports sheet and a Guide sheet, filled with \
               example figures. Enter the real figures in Excel or LibreOffice, then run bantin check and \
               bantin build.",
    new_usage: "bantin new DIR",
    new_dir: "The folder for the starter bulletin: new, or empty.",
    theme: "Work with the bulletin's theme (its page templates).",
    theme_export: "Copy the built-in theme into a new or empty folder, to start from.",
    theme_export_long: "The folder receives every built-in template (base.html, unit.html, style.css…). Name \
                        it templates, beside the content folder, then change the files you need and delete the \
                        others: bantin build and bantin serve use its files in place of the built-in ones of the \
                        same name. The built-in templates stay reachable as builtin/<name>, for example \
                        {% extends \"builtin/base.html\" %}.",
    theme_usage: "bantin theme export DIR",
    theme_dir: "The folder for the theme: new, or empty.",
    help_command: "Print this message or the help of the given command",
    content: "The content folder (site.yaml, data/, news/, static/). [default: content]",
    templates: "Templates overriding the built-in theme by name [default: templates, when that folder \
                exists].",
    output: "Where the site is written. [default: output]",
    timings: "Print the wall time, items and items per second of each stage to stderr.",
    serve_timings: "Print the stage timings of every rebuild to stderr.",
    no_pdf: "Write no bulletin.pdf (the site's pages then do not link to it).",
    port: "The port to listen on. [default: 1111]",
    bind: "The address to listen on; 0.0.0.0 makes the preview reachable from other machines. [default: \
           127.0.0.1]",
    open: "Open the site in the default web browser.",
    lang: "The language of messages and help: vi (Vietnamese) or en (English) [default: the content's \
           language; before site.yaml is read, LANG].",
    help: "Print help",
    version: "Print version",
    dir_value: "DIR",
    address_value: "ADDRESS",
    port_value: "PORT",
    lang_value: "vi|en",
};

impl Words for En {
    fn language(&self) -> Language {
        Language::En
    }

    fn error(&self, message: &str) -> String {
        format!("error: {message}")
    }

    fn usage_error(&self, usage: &Usage, help_command: &str) -> String {
        let maybe = |s: Option<&str>| s.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
        let problem = match *usage {
            Usage::UnknownOption { option, suggestion } => {
                format!("unexpected argument `{option}`{}", maybe(suggestion))
            }
            Usage::UnknownCommand { command, suggestion } => {
                format!("unknown command `{command}`{}", maybe(suggestion))
            }
            Usage::BadValue { option, value, valid } if !valid.is_empty() => {
                format!("invalid value `{value}` for {option}: expected {}", valid.join(" or "))
            }
            Usage::BadValue { option, value, .. } => format!("invalid value `{value}` for {option}"),
            Usage::Twice { option } => format!("{option} can be given only once"),
        };
        format!("{problem}\nFor more information, run `{help_command}`.")
    }

    fn content_missing(&self, folder: &Path) -> String {
        format!(
            "content folder `{}` not found: run bantin where content/ is, or pass --content DIR",
            folder.display()
        )
    }

    fn templates_missing(&self, folder: &Path) -> String {
        format!("templates folder `{}` not found", folder.display())
    }

    fn waiting_for_build(&self, output: &Path) -> String {
        format!("waiting for another build into {} to finish…", output.display())
    }

    fn building(&self, stage: &str) -> String {
        let doing = match stage {
            "walk" => "finding the files",
            "parse" => "reading the files",
            "validate" => "checking the figures",
            "resolve" => "listing the pages",
            "compute" => "computing the indicators",
            "charts" => "drawing the charts",
            "render" => "making the pages",
            "data" => "writing the data files",
            "write" => "writing the output folder",
            other => other,
        };
        format!("building: {doing}…")
    }

    fn build_failed(&self, output: &Path) -> String {
        format!("build failed: {} left unchanged", output.display())
    }

    fn built(&self, b: &Built) -> String {
        format!(
            "built {}, {}, {} ({}) into {} in {}s",
            count(b.pages, "page", "pages"),
            count(b.charts, "chart", "charts"),
            count(b.files, "file", "files"),
            b.summary,
            b.output.display(),
            Locale::new(Language::En).decimal(b.took.as_secs_f64(), 2)
        )
    }

    fn cannot_write(&self, path: &Path, error: &std::io::Error) -> String {
        format!("cannot write {}: {error}", path.display())
    }

    fn refusal(&self, refusal: &Refusal) -> String {
        match refusal {
            Refusal::IsInput(out, input) => format!(
                "output folder `{}` is `{}`, which the build reads: {ELSEWHERE}",
                out.display(),
                input.display()
            ),
            Refusal::HoldsInput(out, input) => format!(
                "output folder `{}` holds `{}`, which a build would replace: {ELSEWHERE}",
                out.display(),
                input.display()
            ),
            Refusal::InsideInput(out, input) => format!(
                "output folder `{}` lies inside `{}`, which is read by the build: {ELSEWHERE} outside it",
                out.display(),
                input.display()
            ),
            Refusal::Home(out) => format!(
                "output folder `{}` is your home folder, which a build would replace: {ELSEWHERE}",
                out.display()
            ),
            Refusal::Root(out) => {
                format!("output folder `{}` is the root of a file system: {ELSEWHERE}", out.display())
            }
            Refusal::NotAFolder(out) => format!(
                "output `{}` is a file, not a folder; it is left as it is: {ELSEWHERE}",
                out.display()
            ),
            Refusal::Foreign { output, first, count: entries } => format!(
                "output folder `{}` holds {} that bantin did not make ({}{}); a build would delete {}, so \
                 it is left as it is: {ELSEWHERE}, or empty this one first (files to publish with the \
                 site belong in the content's static/ folder)",
                output.display(),
                count(*entries, "entry", "entries"),
                first.join(", "),
                if *entries > first.len() { ", …" } else { "" },
                if *entries == 1 { "it" } else { "them" },
            ),
            Refusal::Io(out, e) => format!("output folder `{}` cannot be used: {e}", out.display()),
        }
    }

    fn new_not_empty(&self, folder: &Path) -> String {
        format!(
            "folder `{}` is not empty: bantin new writes a starter bulletin only into a new or empty folder, \
             so that it overwrites nothing",
            folder.display()
        )
    }

    fn theme_not_empty(&self, folder: &Path) -> String {
        format!(
            "folder `{}` is not empty: bantin theme export copies the theme only into a new or empty folder, \
             so that it overwrites nothing",
            folder.display()
        )
    }

    fn theme_written(&self, folder: &Path, files: usize) -> String {
        format!(
            "Copied {files} theme files into {}. Change the files you need, delete the others, then run: \
             bantin build --templates {}",
            folder.display(),
            folder.display()
        )
    }

    fn new_written(&self, folder: &Path, workbook: &Path) -> String {
        format!(
            "Wrote a starter bulletin into {}. Enter the figures in {} with Excel or LibreOffice, then run: \
             bantin check --content {}",
            folder.display(),
            workbook.display(),
            folder.display()
        )
    }

    fn content_summary(&self, c: &ContentCounts) -> String {
        format!(
            "{}, {}, {} ({}), {}",
            count(c.units, "unit", "units"),
            count(c.reports, "report", "reports"),
            count(c.articles, "article", "articles"),
            count(c.drafts, "draft", "drafts"),
            count(c.periods, "period", "periods"),
        )
    }

    fn problem_count(&self, errors: usize, warnings: usize) -> String {
        format!("{}, {}", count(errors, "error", "errors"), count(warnings, "warning", "warnings"))
    }

    #[cfg(feature = "serve")]
    fn serve_error(&self, error: &ServeError) -> String {
        match error {
            ServeError::PortInUse(addr) => format!(
                "port {} on {} is in use: stop the program using it or choose another, e.g. --port {}",
                addr.port(),
                addr.ip(),
                addr.port().wrapping_add(1).max(1024)
            ),
            ServeError::Bind(addr, e) => format!("cannot listen on {addr}: {e}"),
            ServeError::Watch(folder, e) => {
                format!("cannot watch for changes: {}{e}", super::folder_prefix(folder))
            }
            ServeError::Server(e) => format!("the server stopped: {e}"),
        }
    }

    fn serving(&self, content: &Path, url: &str) -> String {
        format!("serving {} at {url} (Ctrl+C to stop)", content.display())
    }

    fn browser_failed(&self, error: &std::io::Error) -> String {
        format!("warning: cannot open a browser: {error}")
    }

    fn nothing_changed(&self, millis: u128) -> String {
        format!("updated in {millis} ms; no page already opened changed")
    }

    fn rebuilt(&self, pages: usize, charts: usize, millis: u128) -> String {
        format!(
            "rebuilt {} and {} in {millis} ms",
            count(pages, "page", "pages"),
            count(charts, "chart", "charts")
        )
    }

    fn still_serving(&self, has_site: bool) -> String {
        match has_site {
            true => "the last good site stays served until the problems are fixed",
            false => "nothing to serve until the problems are fixed",
        }
        .into()
    }

    fn overlay_heading(&self) -> String {
        "bantin: the content has problems".into()
    }

    fn overlay_note(&self, has_site: bool) -> String {
        match has_site {
            true => "The page below is the last good build; it reloads by itself when the files are fixed.",
            false => "Nothing has built yet; this page reloads by itself when the files are fixed.",
        }
        .into()
    }

    fn rounding(&self, decimals: u8) -> String {
        format!(
            "Percentages in the data files keep full precision; on the pages they are rounded to {} as a \
             spreadsheet's ROUND does (a 5 rounds up: 101.25% shows as 101.3%). People that come out of a \
             formula (expected, projected) are rounded to whole people; those needed per month are \
             rounded up.",
            count(decimals, "decimal place", "decimal places")
        )
    }

    fn period_title(&self, label: &str, kind: PeriodKind) -> String {
        match kind {
            PeriodKind::Year => format!("Year {label}"),
            PeriodKind::Term => format!("Term {label}"),
            PeriodKind::Named => label.to_string(),
        }
    }

    fn rate_target(&self, rate: &str) -> String {
        format!("{rate} of members at the start")
    }

    fn exceeded_by(&self, pct: &str) -> String {
        format!("Exceeded by {pct}")
    }

    fn summed(&self, units: usize, of: usize) -> String {
        format!("Σ {} of {}", n(units), count(of, "unit", "units"))
    }

    fn partial_sum(&self, units: usize, of: usize) -> String {
        format!(
            "Summed from {} of {} below; {} without figures",
            n(units),
            count(of, "unit", "units"),
            count(of.saturating_sub(units), "unit", "units")
        )
    }

    fn previous_as_of(&self, date: &str) -> String {
        format!("previous year as of {date}")
    }

    fn unit_figure(&self, period: &str, admitted: &str, achievement: Option<&str>) -> String {
        match achievement {
            Some(pct) => format!("{period}: {admitted} admitted, {pct} of target"),
            None => format!("{period}: {admitted} admitted"),
        }
    }

    fn units_below(&self, units: usize) -> String {
        match units {
            1 => "1 unit below".into(),
            _ => format!("{} units below", n(units)),
        }
    }

    fn month_title(&self, year: i32, month: u32) -> String {
        format!("{} {year}", self.month_name(month))
    }

    fn month_name(&self, month: u32) -> String {
        // The bulletin's heading names the months already.
        let months = &super::bulletin::words(Language::En).months;
        months.get(month.wrapping_sub(1) as usize).map_or_else(|| month.to_string(), |m| m.to_string())
    }

    fn articles(&self, count: usize) -> String {
        match count {
            1 => "1 article".into(),
            _ => format!("{} articles", n(count)),
        }
    }

    fn all_articles(&self, count: usize) -> String {
        format!("See all {} articles", n(count))
    }

    fn units_count(&self, units: usize) -> String {
        count(units, "unit", "units")
    }

    fn admitted_point(&self, period: &str, as_of: &str, who: &str, admitted: u64) -> String {
        format!("{period}, as of {as_of}: {who} admitted {}.", count(admitted, "new member", "new members"))
    }

    fn pace_standing_point(&self, on_pace: usize, behind_pace: usize) -> String {
        let parts: Vec<String> = [(on_pace, "on pace"), (behind_pace, "behind pace")]
            .iter()
            .filter(|(number, _)| *number > 0)
            .map(|(number, word)| format!("{} {word}", count(*number, "unit", "units")))
            .collect();
        format!("Before the deadline: {}.", parts.join(", "))
    }

    fn reached_point(&self, reached: usize, units: usize) -> String {
        match units {
            1 => format!("{} of 1 unit with a target has reached it.", n(reached)),
            _ => format!("{} of {} units with a target have reached it.", n(reached), n(units)),
        }
    }

    fn highest_lowest_point(&self, (hn, hp): Named, (ln, lp): Named) -> String {
        format!("Highest achievement: {hn} ({hp}); lowest: {ln} ({lp}).")
    }

    fn same_achievement_point(&self, units: usize, achievement: &str) -> String {
        format!(
            "All {} reached the same share of their target: {achievement}.",
            count(units, "unit", "units")
        )
    }

    fn single_target_point(&self, unit: &str, achievement: &str, target: &str) -> String {
        format!("{unit} reached {achievement} of its target of {target}.")
    }

    fn composition_point(&self, shares: &[String]) -> String {
        format!("Among the new members: {}.", shares.join(", "))
    }

    fn change_point(&self, delta: i64, pct: Option<&str>, whole_year: bool) -> String {
        let (amount, pct) = (n(delta.unsigned_abs()), pct.map(|p| format!(" ({p})")).unwrap_or_default());
        let since = if whole_year { "the previous year" } else { "the same period a year earlier" };
        match delta.signum() {
            0 => format!("Admissions equal those of {since}."),
            1 => format!("Admissions rose by {amount} on {since}{pct}."),
            _ => format!("Admissions fell by {amount} on {since}{pct}."),
        }
    }

    fn no_comparable_point(&self) -> String {
        "There is no figure for the same period a year earlier to compare with.".into()
    }

    fn pace_point(
        &self,
        unit: &str,
        projected: &str,
        deadline: &str,
        target: &str,
        per_month: &str,
    ) -> String {
        format!(
            "At the current pace, {unit} will admit about {projected} by {deadline}; reaching the target of \
             {target} needs at least {per_month} a month."
        )
    }

    fn period(&self, label: &str, _kind: PeriodKind) -> String {
        label.to_string()
    }

    fn achievement_title(&self, period: &str) -> String {
        format!("Admission target achievement by unit, {period}")
    }

    fn achievement_one(&self, unit: &str, admitted: u64, achievement: &str, status: &str) -> String {
        format!(
            "{unit}: {} admitted, {achievement} of the target ({status}).",
            count(admitted, "member", "members")
        )
    }

    fn achievement_many(&self, units: usize, reached: usize, (hn, hp): Named, (ln, lp): Named) -> String {
        let units = count(units, "unit", "units");
        format!(
            "Admission target achievement of {units}: highest {hn} ({hp}), lowest {ln} ({lp}); {} of \
             {units} achieved or exceeded the target.",
            n(reached)
        )
    }

    fn achievement_alike(&self, units: usize, reached: usize, achievement: &str) -> String {
        let units = count(units, "unit", "units");
        format!(
            "Admission target achievement of {units}: {achievement} for each; {} of {units} achieved or \
             exceeded the target.",
            n(reached)
        )
    }

    fn years_title(&self, unit: &str) -> String {
        format!("Members admitted per year – {unit}")
    }

    fn year_to(&self, year: i32, as_of: &str) -> String {
        format!("{year} (to {as_of})")
    }

    fn years_one(&self, year: i32, unit: &str, admitted: u64, target: Option<Named>) -> String {
        let admitted = count(admitted, "member", "members");
        match target {
            Some((target, pct)) => {
                format!("In {year}, {unit} admitted {admitted} against a target of {target} ({pct}).")
            }
            None => format!("In {year}, {unit} admitted {admitted}."),
        }
    }

    fn years_span(
        &self,
        unit: &str,
        (first, last): (i32, i32),
        (most, most_years): (u64, &[i32]),
        (fewest, fewest_years): (u64, &[i32]),
        targets: Option<(usize, usize)>,
    ) -> String {
        format!(
            "Members admitted by {unit} from {first} to {last}: most {} ({}), fewest {} \
             ({}){}.",
            n(most),
            super::joined(most_years),
            n(fewest),
            super::joined(fewest_years),
            years_reached(targets)
        )
    }

    fn years_alike(
        &self,
        unit: &str,
        (first, last): (i32, i32),
        years: usize,
        admitted: u64,
        targets: Option<(usize, usize)>,
    ) -> String {
        format!(
            "{unit} admitted {} in each of the {} with figures from {first} to {last}{}.",
            count(admitted, "member", "members"),
            count(years, "year", "years"),
            years_reached(targets)
        )
    }

    fn composition_title(&self, unit: &str, period: &str) -> String {
        format!("Composition of new members – {unit}, {period}")
    }

    fn composition_one(&self, admitted: u64, group: &str, share: &str, people: u64) -> String {
        format!(
            "Of the {} admitted, {group} make up {share} ({}).",
            count(admitted, "member", "members"),
            n(people)
        )
    }

    fn composition_many(&self, admitted: u64, (hn, hp): Named, (ln, lp): Named) -> String {
        format!(
            "Of the {} admitted, the largest group is {hn} ({hp}) and the smallest {ln} ({lp}); one \
             person may belong to several groups.",
            count(admitted, "member", "members")
        )
    }

    fn composition_alike(&self, admitted: u64, share: &str) -> String {
        format!(
            "Of the {} admitted, each group makes up {share}; one person may belong to several groups.",
            count(admitted, "member", "members")
        )
    }

    fn composition_axis(&self, admitted: u64) -> String {
        format!("Share of the {} admitted (people in brackets)", count(admitted, "member", "members"))
    }

    fn progress_title(&self, unit: &str, period: &str) -> String {
        format!("Progress towards the admission target – {unit}, {period}")
    }

    fn progress_desc(&self, p: &Progress) -> String {
        let Progress { unit, as_of, target, share, deadline, .. } = *p;
        let admitted = n(p.admitted);
        match p.pace {
            Some((pace, projected)) => format!(
                "By {as_of}, {unit} had admitted {admitted} of {target} members ({share} of the target), \
                 {pace} of the expected pace; at this pace it would reach about {projected} by {deadline}."
            ),
            None => format!(
                "By {as_of}, {unit} had admitted {admitted} of {target} members ({share} of the target, due \
                 {deadline})."
            ),
        }
    }

    fn target_mark(&self, target: &str) -> String {
        format!("Target {target}")
    }

    fn projected_mark(&self, projected: &str) -> String {
        format!("Projected {projected}")
    }

    fn progress_caption(&self, title: &str, target: &str) -> String {
        format!("{title} (target {target})")
    }

    fn projected_row(&self, deadline: &str) -> String {
        format!("{deadline} (projected)")
    }

    fn training_title(&self, unit: &str, period: &str) -> String {
        format!("Training and admission – {unit}, {period}")
    }

    fn training_desc(&self, f: &TrainingFacts) -> String {
        let mut parts = Vec::new();
        if let Some(trained) = f.awareness {
            parts.push(format!("{} trained in awareness of the Party", count(trained, "person", "people")));
        }
        let conversion = f.conversion.map(|c| format!(" ({c} of those trained)")).unwrap_or_default();
        parts.push(format!("{} admitted{conversion}", n(f.admitted)));
        if let Some(trained) = f.new_members {
            parts.push(format!("{} trained", count(trained, "new member", "new members")));
        }
        format!("{}, {}: {}.", f.unit, f.period, parts.join("; "))
    }

    fn classes(&self, classes: u64) -> String {
        count(classes, "class", "classes")
    }
}
