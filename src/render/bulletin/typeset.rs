//! `bulletin.pdf`: the bulletin typeset by typst, used as a library.
//!
//! A typst [`World`] of our own serves three kinds of in-memory files and nothing
//! else: the layout (`bulletin.typ`, built into the binary), the bulletin's data
//! (`bulletin.json`, from [`Bulletin`]) and the charts (`charts/{slug}.svg`, the same
//! SVG documents as the site's, so they stay vector graphics). The fonts are the Noto
//! fonts in `fonts/` (SIL Open Font License), built into the binary; typst-pdf embeds
//! the glyphs used. Nothing is read from disk, no font of the machine is used, and the
//! clock is never asked: the document's date is the date of issue, and its identifier
//! is derived from the site's address, the number and the date, so the same input
//! gives the same bytes.

use super::Bulletin;
use std::collections::HashMap;
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// The layout of the bulletin: reads `bulletin.json` and the charts.
const LAYOUT: &str = include_str!("bulletin.typ");

/// The typefaces: Noto Serif for the text, as Party documents are set in a serif
/// face, and Noto Sans for the charts, which name it. Subsets covering Latin,
/// Vietnamese, Greek and common punctuation (see fonts/README.md).
const FONTS: [&[u8]; 4] = [
    include_bytes!("../../../fonts/NotoSerif-Regular.ttf"),
    include_bytes!("../../../fonts/NotoSerif-Bold.ttf"),
    include_bytes!("../../../fonts/NotoSerif-Italic.ttf"),
    include_bytes!("../../../fonts/NotoSans-Regular.ttf"),
];

/// The fonts and the standard library, made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| {
        let fonts: Vec<Font> = FONTS.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
        Shared {
            library: LazyHash::new(Library::default()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// One bulletin's files.
struct BulletinWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("the bulletin's own paths are valid");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

impl World for BulletinWorld {
    fn library(&self) -> &LazyHash<Library> {
        &shared().library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &shared().book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::NotSource) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        shared().fonts.get(index).cloned()
    }

    /// The bulletin never asks for today's date: its date is the date of issue.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// The PDF of a bulletin, or why typst could not make it.
pub fn pdf(bulletin: &Bulletin) -> Result<Vec<u8>, String> {
    let data = serde_json::to_vec(bulletin).map_err(|e| format!("bulletin data: {e}"))?;
    let mut files = HashMap::new();
    files.insert(file_id("/bulletin.json"), Bytes::new(data));
    for chart in &bulletin.charts {
        files.insert(
            file_id(&format!("/charts/{}.svg", chart.slug)),
            Bytes::new(chart.svg.clone().into_bytes()),
        );
    }
    let world = BulletinWorld { main: Source::new(file_id("/bulletin.typ"), LAYOUT.to_string()), files };
    let document = typst::compile::<PagedDocument>(&world).output.map_err(|e| diagnostics(&e))?;
    let options = PdfOptions {
        ident: Smart::Custom(bulletin.meta.ident.clone()),
        creator: Smart::Custom(Some(format!("bantin {}", env!("CARGO_PKG_VERSION")))),
        timestamp: None,
        standards: PdfStandards::new(&[PdfStandard::Ua_1])
            .map_err(|e| format!("PDF standards: {}", e.message()))?,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|e| diagnostics(&e))
}

/// typst's errors as lines of text.
fn diagnostics(errors: &[SourceDiagnostic]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| {
            let hints: String = e.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect();
            format!("bulletin.pdf: {}{hints}", e.message)
        })
        .collect();
    lines.join("\n")
}
