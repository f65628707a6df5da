//! The PDF bulletin, typeset by typst (typeset.rs) when bantin is built
//! with its default feature `pdf`. Without it (the fuzz targets, which never typeset),
//! typst is not compiled and a build asked for a PDF says so.

use super::Bulletin;

#[cfg(feature = "pdf")]
pub use super::typeset::pdf;

/// Without typst, no PDF.
#[cfg(not(feature = "pdf"))]
pub fn pdf(_: &Bulletin) -> Result<Vec<u8>, String> {
    Err("this bantin was built without its `pdf` feature: set `pdf: false` in site.yaml or use --no-pdf"
        .into())
}

/// A bulletin whose PDF is typeset when first asked for, once (`bantin serve` makes it
/// when `bulletin.pdf` is fetched, not on every save).
#[cfg(feature = "serve")]
pub struct LazyPdf {
    bulletin: Bulletin,
    made: std::sync::OnceLock<Result<std::sync::Arc<[u8]>, String>>,
}

#[cfg(feature = "serve")]
impl LazyPdf {
    pub fn new(bulletin: Bulletin) -> LazyPdf {
        LazyPdf { bulletin, made: std::sync::OnceLock::new() }
    }

    /// The PDF's bytes, typeset on the first call.
    pub fn bytes(&self) -> &Result<std::sync::Arc<[u8]>, String> {
        self.made.get_or_init(|| pdf(&self.bulletin).map(Into::into))
    }
}
