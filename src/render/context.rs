//! The typed values each template receives. README documents them field by field.
//!
//! Everything a reader sees arrives here already in the page's language: dates
//! and numbers are formatted, labels translated. Templates only arrange them.

use serde::Serialize;

use crate::figures::Status;
use std::sync::Arc;

use crate::photos::Picture;

/// The values of a page: the common part and the page kind's own.
#[derive(Serialize)]
pub struct Context<'a> {
    /// What every page receives.
    #[serde(flatten)]
    pub common: Common<'a>,
    /// What this kind of page receives.
    #[serde(flatten)]
    pub values: Values<'a>,
}

/// The values of each kind of page, beside [`Common`].
#[derive(Serialize)]
#[serde(untagged)]
pub enum Values<'a> {
    /// The home page: the latest articles, the provinces and the years.
    Home {
        /// The latest articles.
        items: Vec<ListItem>,
        /// Every province, with counts.
        provinces: Vec<CountedLink<'a>>,
        /// Every year, with counts.
        years: Vec<CountedLink<'a>>,
    },
    /// An article's page.
    Article {
        /// The article.
        article: Box<ArticleView<'a>>,
    },
    /// The list of provinces, or of years.
    Index {
        /// Each with its count.
        links: Vec<CountedLink<'a>>,
    },
    /// A page of a province's or a year's articles.
    List {
        /// The province's name, or the year's heading.
        heading: String,
        /// The articles of this page.
        items: Vec<ListItem>,
        /// Links to the other pages.
        pagination: Pagination,
        /// A province's figures over time, on its first page.
        figures: Option<FiguresOverTime<'a>>,
        /// A province's history: what it became, what became part of it.
        history: Vec<HistoryLine<'a>>,
    },
    /// The language chooser, and the page for missing addresses.
    Root {
        /// The default language's home page.
        redirect: String,
        /// Every language's home page.
        languages: Vec<SwitcherLink<'a>>,
    },
    /// The figures of every province side by side.
    Figures {
        /// The table.
        comparison: FigureComparison<'a>,
    },
    /// The search page.
    Search {
        /// Where pagefind's files are.
        search: SearchView,
    },
}

/// What every page receives.
#[derive(Debug, Serialize)]
pub struct Common<'a> {
    /// The page's language code (`<html lang>`).
    pub lang: &'a str,
    /// `ltr` or `rtl` (`<html dir>`).
    pub dir: &'static str,
    /// The site title in the page's language.
    pub site_title: &'a str,
    /// The page's own title (without the site title).
    pub page_title: String,
    /// Absolute URL of this page.
    pub canonical: String,
    /// Links of the navigation.
    pub nav: Nav,
    /// One entry per language: where the switcher leads.
    pub switcher: Vec<SwitcherLink<'a>>,
    /// `<link rel="alternate" hreflang>` targets: this page in every language it exists in.
    pub alternates: Vec<Alternate<'a>>,
    /// The stylesheet's URL.
    pub stylesheet: String,
    /// The Atom feeds of the page: the language's, and the province's on its pages.
    pub feeds: Vec<FeedLink>,
    /// What a link to the page shared on a social network shows (OpenGraph).
    pub share: Share,
}

/// What a shared link to a page shows: OpenGraph's and Twitter's tags, and
/// schema.org's description of an article.
#[derive(Debug, Serialize)]
pub struct Share {
    /// `og:type`: `article`, or `website` for the other pages.
    pub kind: &'static str,
    /// `og:title`.
    pub title: String,
    /// `og:description`, when the page has one (an article's summary).
    pub description: Option<String>,
    /// `og:site_name`.
    pub site_name: String,
    /// `og:locale` (`vi_VN`).
    pub locale: String,
    /// `og:locale:alternate`: the locales the page is translated into.
    pub locale_alternates: Vec<String>,
    /// `og:image`, with its size: an article's lead photo.
    pub image: Option<ShareImage>,
    /// `twitter:card`: `summary_large_image` with an image, else `summary`.
    pub card: &'static str,
    /// `article:published_time`.
    pub published: Option<String>,
    /// JSON-LD describing an article (`NewsArticle`), ready for a
    /// `<script type="application/ld+json">` (mark it `| safe`).
    pub json_ld: Option<String>,
}

/// The image of a shared link.
#[derive(Debug, Clone, Serialize)]
pub struct ShareImage {
    /// Its absolute URL (a JPEG).
    pub url: String,
    /// Its width.
    pub width: u32,
    /// Its height.
    pub height: u32,
    /// Its alt text.
    pub alt: String,
}

/// A photo as a template shows it. `picture(photo=…)` makes its HTML; its
/// fields (those of its picture, then `alt`, `caption` and `credit`) let a
/// theme write its own.
#[derive(Debug, Clone)]
pub struct PhotoView<'a> {
    /// Its files, the same in every language.
    pub picture: Arc<Picture>,
    /// Its alt text, in the page's language.
    pub alt: &'a str,
    /// Its caption, in the page's language.
    pub caption: Option<&'a str>,
    /// Who took it.
    pub credit: Option<&'a str>,
}

/// One map of the picture's fields and the caption's: what `#[serde(flatten)]`
/// would make, written out, as lists serialize one per item.
impl Serialize for PhotoView<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = &self.picture;
        let mut fields = serializer.serialize_struct("PhotoView", 7)?;
        fields.serialize_field("srcset", &p.srcset)?;
        fields.serialize_field("src", &p.src)?;
        fields.serialize_field("width", &p.width)?;
        fields.serialize_field("height", &p.height)?;
        fields.serialize_field("alt", self.alt)?;
        fields.serialize_field("caption", &self.caption)?;
        fields.serialize_field("credit", &self.credit)?;
        fields.end()
    }
}

/// An Atom feed to announce with `<link rel="alternate" type="application/atom+xml">`.
#[derive(Debug, Serialize)]
pub struct FeedLink {
    /// Its title.
    pub title: String,
    /// Its absolute URL.
    pub url: String,
}

/// Navigation links of a language.
#[derive(Debug, Serialize)]
pub struct Nav {
    /// The language's home page.
    pub home: String,
    /// The list of provinces.
    pub provinces: String,
    /// The list of years.
    pub years: String,
    /// The figures of every province side by side.
    pub figures: String,
    /// The search page, when the site has search.
    pub search: Option<String>,
}

/// One language in the switcher.
#[derive(Debug, Serialize)]
pub struct SwitcherLink<'a> {
    /// Language code.
    pub code: &'a str,
    /// The language's name in itself.
    pub name: &'a str,
    /// Where it leads.
    pub url: String,
    /// Whether it is the page's own language.
    pub current: bool,
    /// Whether the target is this very page in that language (else the closest index).
    pub same_page: bool,
    /// Direction of that language.
    pub dir: &'static str,
}

/// One `hreflang` alternate.
#[derive(Debug, Serialize)]
pub struct Alternate<'a> {
    /// The language code.
    pub hreflang: &'a str,
    /// Absolute URL.
    pub href: String,
}

/// An article as a list shows it.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    /// Title in the article's language.
    pub title: &'a str,
    /// Link to it.
    pub url: String,
    /// Its date, formatted in the page's language.
    pub date: String,
    /// Its date in ISO form, for `<time datetime>`.
    pub date_iso: String,
    /// Summary in the article's language.
    pub summary: &'a str,
    /// The article's language code (differs from the page's when untranslated).
    pub lang: &'a str,
    /// The article's direction.
    pub dir: &'static str,
    /// The name of the article's language in itself.
    pub lang_name: &'a str,
    /// Whether the article is in the page's language.
    pub translated: bool,
    /// The province's name in the page's language.
    pub province: &'a str,
    /// Link to the province's page.
    pub province_url: String,
    /// Its lead photo.
    pub photo: Option<PhotoView<'a>>,
}

/// An [`Item`] made into a template value once and shared by every page
/// listing it (its province's, its year's, the home page): template values
/// share their contents, so a copy is a few pointers.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct ListItem(tera::Value);

impl ListItem {
    /// The template value of `item`.
    pub fn new(item: &Item<'_>) -> ListItem {
        ListItem(tera::Value::from_serializable(item))
    }
}

/// A sentence of a province's history, in the page's language, around the
/// provinces it links: `{{ before }}<a>…</a>, <a>…</a>{{ after }}`.
#[derive(Debug, Serialize)]
pub struct HistoryLine<'a> {
    /// What comes before the provinces (the date filled in).
    pub before: String,
    /// The provinces, each linked to its page.
    pub provinces: Vec<Link<'a>>,
    /// What comes after them.
    pub after: String,
    /// `became` (this province ended) or `merged` (others became part of it).
    pub kind: &'static str,
}

/// A link with its label.
#[derive(Debug, Serialize)]
pub struct Link<'a> {
    /// The label in the page's language.
    pub label: &'a str,
    /// The link.
    pub url: String,
}

/// A link with a label and a count (provinces and years).
#[derive(Debug, Serialize)]
pub struct CountedLink<'a> {
    /// The label in the page's language.
    pub label: std::borrow::Cow<'a, str>,
    /// The link.
    pub url: String,
    /// How many articles it lists, formatted.
    pub count: String,
    /// A province's former provinces: those that became part of it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<CountedLink<'a>>,
}

/// Links between pages of an index.
#[derive(Debug, Serialize)]
pub struct Pagination {
    /// The page number (from 1).
    pub current: usize,
    /// How many pages.
    pub total: usize,
    /// "Page 2 of 5", in the page's language.
    pub label: String,
    /// The newer page, if any.
    pub previous: Option<String>,
    /// The older page, if any.
    pub next: Option<String>,
}

/// One row of an article's key-figures table.
#[derive(Debug, Serialize)]
pub struct FigureRow<'a> {
    /// The metric's label in the page's language.
    pub label: &'a str,
    /// The value with its unit, formatted for the page's language.
    pub value: String,
    /// `actual`, `target` or `estimate` (for CSS).
    pub status: Status,
    /// The status in the page's language.
    pub status_label: &'a str,
    /// The date it refers to, formatted, if stated.
    pub as_of: Option<String>,
    /// The editor's note, in the article's language.
    pub note: Option<&'a str>,
}

/// A province's figures, metric by metric and year by year.
#[derive(Debug, Serialize)]
pub struct FiguresOverTime<'a> {
    /// The year columns, formatted.
    pub years: Vec<String>,
    /// One row per metric.
    pub rows: Vec<FigureHistory<'a>>,
    /// How many rows have a chart.
    pub charts: usize,
}

/// One metric over the years.
#[derive(Debug, Serialize)]
pub struct FigureHistory<'a> {
    /// The metric's label.
    pub label: &'a str,
    /// One cell per year column: the values reported for that year.
    pub cells: Vec<Vec<HistoryValue<'a>>>,
    /// An inline SVG chart (mark it `| safe`) when values span two years or more.
    pub chart: Option<String>,
    /// Whose values they are, where a province shows several series (its
    /// own before and after a merger, each former province's, their sum).
    pub series: Option<String>,
    /// Whether the values are computed (a sum), not reported: they link to
    /// no article.
    pub computed: bool,
}

/// One value in the figures-over-time table, linked to its article.
#[derive(Debug, Serialize)]
pub struct HistoryValue<'a> {
    /// Formatted value with unit.
    pub value: String,
    /// `actual`, `target` or `estimate`.
    pub status: Status,
    /// The status in the page's language.
    pub status_label: &'a str,
    /// The source article (empty for a computed value).
    pub url: String,
    /// The source article's title (empty for a computed value).
    pub title: &'a str,
    /// The source article's language (empty for a computed value).
    pub lang: &'a str,
}

/// Where the search page finds pagefind's files.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// The folder of the index (`/pagefind/`), for `bundlePath`.
    pub bundle: String,
    /// The search interface's script.
    pub script: String,
    /// Its stylesheet.
    pub stylesheet: String,
    /// The theme's script that starts it on the page (`search.js`).
    pub start: String,
}

/// The latest actual value of each metric in each province, side by side.
#[derive(Debug, Serialize)]
pub struct FigureComparison<'a> {
    /// The metric column headings, in the page's language.
    pub metrics: Vec<&'a str>,
    /// One row per province.
    pub rows: Vec<ComparisonRow<'a>>,
    /// The figures of every article as CSV.
    pub csv_url: String,
    /// The same as JSON.
    pub json_url: String,
}

/// One province's latest values.
#[derive(Debug, Serialize)]
pub struct ComparisonRow<'a> {
    /// The province's name.
    pub province: &'a str,
    /// Its page.
    pub url: String,
    /// The former provinces that became part of it, each to its page.
    pub former: Vec<Link<'a>>,
    /// One cell per metric column: the latest actual value, if any was reported.
    pub cells: Vec<Option<LatestValue<'a>>>,
}

/// A province's latest actual value of a metric.
#[derive(Debug, Serialize)]
pub struct LatestValue<'a> {
    /// Formatted value with unit.
    pub value: String,
    /// The year it refers to, formatted.
    pub year: String,
    /// The article reporting it.
    pub url: String,
    /// That article's title.
    pub title: &'a str,
}

/// The article page's own values.
#[derive(Debug, Serialize)]
pub struct ArticleView<'a> {
    /// Title.
    pub title: &'a str,
    /// Date, formatted.
    pub date: String,
    /// Date, ISO.
    pub date_iso: String,
    /// Province name.
    pub province: &'a str,
    /// Province page.
    pub province_url: String,
    /// Year page.
    pub year_url: String,
    /// The year, formatted.
    pub year: String,
    /// Byline.
    pub author: Option<&'a str>,
    /// URL of the original.
    pub source: Option<&'a str>,
    /// Tags.
    pub tags: &'a [String],
    /// Summary.
    pub summary: &'a str,
    /// The body HTML (mark it `| safe`).
    pub body_html: &'a str,
    /// The key figures.
    pub figures: Vec<FigureRow<'a>>,
    /// The article in other languages.
    pub translations: Vec<SwitcherLink<'a>>,
    /// Its lead photo.
    pub photo: Option<PhotoView<'a>>,
}
