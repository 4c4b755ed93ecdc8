//! What a site lists in one language: every article, each province's and each
//! year's, made once for all the pages that show them; and the list items those
//! pages share.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use super::context::ListItem;
use super::localizer::Localizer;
use crate::fingerprint::Fingerprint;
use crate::ids::ProvinceId;
use crate::site::{Listed, Site};

/// The lists of one language.
pub struct Lists<'a> {
    /// Every article, newest first.
    pub all: Vec<Listed<'a>>,
    /// Per province with pages, newest first: its own articles and those of
    /// the provinces that became part of it.
    pub by_province: Vec<(&'a ProvinceId, Vec<Listed<'a>>)>,
    /// A province's own articles, where others' join them in `by_province`.
    own: BTreeMap<&'a ProvinceId, Vec<Listed<'a>>>,
    /// Per year, newest year first.
    pub by_year: Vec<(i32, Vec<Listed<'a>>)>,
    /// The fingerprint of every article's figures (see [`figures_of`]).
    pub figures: Fingerprint,
    /// Each article's list item, by its index in [`Site::articles`]: made the
    /// first time a page lists it, and shared by the others until the last.
    items: Vec<Mutex<ItemSlot>>,
}

/// An article's list item while pages that list it remain to be rendered.
struct ItemSlot {
    /// The pages planned that list it and have not taken it yet.
    left: u32,
    /// Its value, once made.
    item: Option<ListItem>,
}

impl<'a> Lists<'a> {
    /// The lists of `loc`'s language.
    pub fn new(loc: &Localizer<'a>) -> Lists<'a> {
        let site = loc.site;
        // What the language shows of each entry, decided once for all lists.
        let shown = site.versions_for(&loc.language.code);
        let pick = |entries: &[usize]| -> Vec<Listed<'a>> {
            entries.iter().filter_map(|&i| shown[i]).collect()
        };
        let all: Vec<Listed<'a>> = shown.iter().flatten().copied().collect();
        let by_province: Vec<(&ProvinceId, Vec<Listed<'a>>)> = site
            .by_province
            .iter()
            .map(|(id, own)| (id, pick(site.with_predecessors.get(id).unwrap_or(own))))
            .collect();
        let by_year: Vec<(i32, Vec<Listed<'a>>)> = site
            .by_year
            .iter()
            .rev()
            .map(|(year, entries)| (*year, pick(entries)))
            .collect();
        // The pages that list each article: the home page (its first page of
        // the latest), and one page of each province's and each year's list
        // it is on.
        let mut left = vec![0u32; site.articles.len()];
        let home = all.iter().take(site.config.per_page);
        let provinces = by_province.iter().flat_map(|(_, l)| l);
        let years = by_year.iter().flat_map(|(_, l)| l);
        for listed in home.chain(provinces).chain(years) {
            left[listed.index] += 1;
        }
        Lists {
            figures: figures_of(site, &all),
            items: (left.into_iter())
                .map(|left| Mutex::new(ItemSlot { left, item: None }))
                .collect(),
            all,
            by_province,
            own: site
                .with_predecessors
                .keys()
                .map(|id| (id, pick(&site.by_province[id])))
                .collect(),
            by_year,
        }
    }

    /// The articles listed for the province `id`, newest first.
    pub fn of_province(&self, id: &ProvinceId) -> &[Listed<'a>] {
        self.by_province
            .iter()
            .find(|(p, _)| *p == id)
            .map_or(&[], |(_, listed)| listed.as_slice())
    }

    /// The articles about the province `id` itself, newest first: without
    /// those of the provinces that became part of it.
    pub fn own_of_province(&self, id: &ProvinceId) -> &[Listed<'a>] {
        match self.own.get(id) {
            Some(own) => own,
            None => self.of_province(id),
        }
    }

    /// Every province's own articles (see [`Lists::own_of_province`]).
    pub fn own_by_province(&self) -> Vec<(&'a ProvinceId, &[Listed<'a>])> {
        self.by_province
            .iter()
            .map(|(id, _)| (*id, self.own_of_province(id)))
            .collect()
    }

    /// The list items of `listed`, as `loc` shows them. Each is made once and
    /// let go with the last page listing it: a build never holds them all.
    pub fn items(&self, loc: &Localizer<'a>, listed: &[Listed<'a>]) -> Vec<ListItem> {
        listed
            .iter()
            .map(|l| {
                let mut slot = self.items[l.index]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                let item = slot
                    .item
                    .take()
                    .unwrap_or_else(|| ListItem::new(&loc.item(*l)));
                slot.left = slot.left.saturating_sub(1);
                if slot.left > 0 {
                    slot.item = Some(item.clone());
                }
                item
            })
            .collect()
    }

    /// Hashes the counts of the province and year indexes.
    pub fn hash_counts(&self, h: &mut impl Hasher) {
        for (id, listed) in &self.by_province {
            id.hash(h);
            h.write_usize(listed.len());
        }
        for (year, listed) in &self.by_year {
            h.write_i32(*year);
            h.write_usize(listed.len());
        }
    }
}

/// The fingerprint of the figures of the articles `listed`, and of what links to
/// each; made in one pass, as a province's or a language's figures are many.
pub fn figures_of(site: &Site<'_>, listed: &[Listed<'_>]) -> Fingerprint {
    let bytes: Vec<u8> = listed
        .iter()
        .flat_map(|l| {
            let f = &site.fingerprints[l.index];
            [f.reference, f.figures]
        })
        .flat_map(u64::to_le_bytes)
        .collect();
    xxhash_rust::xxh3::xxh3_64(&bytes)
}
