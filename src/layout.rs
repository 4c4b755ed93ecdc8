//! Where a site keeps its files, below its root: `site.toml`, the articles,
//! the templates, the static files and the figures' language data. Every
//! module that looks for one of them takes its name from here.

/// The configuration file.
pub const CONFIG_FILE: &str = "site.toml";

/// The folder of Markdown articles.
pub const CONTENT: &str = "content";

/// The folder of the site's own templates (overriding the built-in theme).
pub const TEMPLATES: &str = "templates";

/// The folder copied as is into the output.
pub const STATIC: &str = "static";

/// The folder of the site's own figures language data (`figures/<lang>.toml`).
pub const FIGURES: &str = "figures";

/// The folder of what builds keep between them (processed photos); hidden,
/// so that no walk of the site takes it for input.
pub const CACHE: &str = ".bulletin-cache";

/// Every folder of inputs, for watching and for checks of what they hold.
pub const INPUT_FOLDERS: [&str; 4] = [CONTENT, TEMPLATES, STATIC, FIGURES];
