//! The synthetic bulletin: article groups written from sentence patterns in each
//! language, their key figures stated in the text in that language's number style.
//!
//! Shared by the `gen_corpus` example, the build benchmark and the test that the
//! generated site builds cleanly.
//!
//! Steps for each group: pick a province, a date and one or two languages; draw 3–6
//! key figures; then for each language write a body of 3–8 KB (headings, paragraphs,
//! a list, sometimes a table) in which every figure's value appears.

#[path = "scene.rs"]
mod scene;

use std::fmt::Write as _;
use std::io;
use std::path::Path;

use image::ImageEncoder;

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    /// Article files (one per language version).
    pub files: usize,
    /// Bytes of Markdown, front matter included.
    pub bytes: usize,
}

/// Writes `site.toml` and `groups` article groups under `content/<year>/` of
/// `root`. With `photos`, each group gets a lead photo of its own beside its
/// files (`<slug>.jpg`): one of the `photos` (JPEG files, see [`photos`]),
/// made a file of its own by a comment naming the group, so that every
/// group's photo is read, decoded, resized and encoded like a real one.
pub fn generate(
    root: &Path,
    groups: usize,
    seed: u64,
    photos: Option<&[Vec<u8>]>,
) -> io::Result<Written> {
    std::fs::create_dir_all(root)?;
    std::fs::write(root.join("site.toml"), site_toml())?;
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut written = Written { files: 0, bytes: 0 };
    let mut made_dirs = [false; 11];
    for index in 0..groups {
        let group = Group::draw(&mut rng, index);
        let dir = root.join(format!("content/{}", group.year));
        if !std::mem::replace(&mut made_dirs[(group.year - FIRST_YEAR) as usize], true) {
            std::fs::create_dir_all(&dir)?;
        }
        if let Some(photos) = photos {
            let photo = &photos[index % photos.len()];
            let file = dir.join(format!("{}.jpg", group.slug));
            std::fs::write(file, unique_jpeg(photo, &group.slug))?;
        }
        for (i, lang) in group.languages.iter().flatten().enumerate() {
            let mut text = group.article(&mut rng, lang);
            if photos.is_some() {
                group.lead_photo(lang, i == 0, &mut text);
            }
            written.bytes += text.len();
            written.files += 1;
            std::fs::write(dir.join(format!("{}.{}.md", group.slug, lang.code)), text)?;
        }
    }
    Ok(written)
}

const FIRST_YEAR: u16 = 2015;
const LAST_YEAR: u16 = 2025;

/// One article and what its versions share: place, date and figures.
struct Group {
    slug: String,
    province: usize,
    year: u16,
    month: u8,
    day: u8,
    languages: [Option<&'static Lang>; 2],
    figures: Vec<(Metric, u64, bool)>,
}

impl Group {
    fn draw(rng: &mut fastrand::Rng, index: usize) -> Group {
        let province = rng.usize(..PROVINCES.len());
        let year = rng.u16(FIRST_YEAR..=LAST_YEAR);
        let first = rng.usize(..LANGS.len());
        let second = rng
            .bool()
            .then(|| &LANGS[(first + rng.usize(1..LANGS.len())) % LANGS.len()]);
        let mut metrics = Metric::ALL.to_vec();
        rng.shuffle(&mut metrics);
        metrics.truncate(rng.usize(3..=6));
        let figures = metrics
            .into_iter()
            .map(|m| (m, m.draw(rng), rng.u8(..5) == 0))
            .collect();
        let topic = TOPICS[rng.usize(..TOPICS.len())];
        Group {
            slug: format!("{}-{topic}-{index}", PROVINCES[province].0),
            province,
            year,
            month: rng.u8(1..=12),
            day: rng.u8(1..=28),
            languages: [Some(&LANGS[first]), second],
            figures,
        }
    }

    /// The Markdown file of one language version.
    fn article(&self, rng: &mut fastrand::Rng, lang: &Lang) -> String {
        let style = if lang.code == "ar" && rng.bool() {
            Digits::ArabicIndic
        } else {
            Digits::Latin
        };
        let names = province_names(PROVINCES[self.province].1);
        let province = names[LANGS.iter().position(|l| l.code == lang.code).unwrap_or(0)].as_str();
        let year = self.year.to_string();
        let fill = |pattern: &str| {
            pattern
                .replace("{province}", province)
                .replace("{year}", &year)
        };

        let mut out = String::with_capacity(9000);
        let title = fill(lang.titles[rng.usize(..lang.titles.len())]);
        let _ = writeln!(
            out,
            "+++\ntitle = \"{title}\"\ndate = {}-{:02}-{:02}\nlanguage = \"{}\"\nprovince = \"{}\"\n",
            self.year, self.month, self.day, lang.code, PROVINCES[self.province].0
        );
        for (metric, value, target) in &self.figures {
            let status = if *target { "target" } else { "actual" };
            let _ = writeln!(
                out,
                "[[figures]]\nmetric = \"{}\"\nvalue = {value}\nstatus = \"{status}\"\n",
                metric.id()
            );
        }
        out.push_str("+++\n\n");

        let target_len = out.len() + rng.usize(3000..=8000);
        let mut stated = self.figures.iter();
        let mut heading = rng.usize(..lang.headings.len());
        let mut section = 0;
        while out.len() < target_len || stated.len() > 0 {
            if section > 0 {
                let _ = writeln!(out, "## {}\n", fill(lang.headings[heading]));
                heading = (heading + 1) % lang.headings.len();
            }
            for _ in 0..rng.usize(1..=3) {
                for _ in 0..rng.usize(3..=5) {
                    let next = if stated.len() > 0 && rng.bool() {
                        stated.next()
                    } else {
                        None
                    };
                    let sentence = if let Some((metric, value, target)) = next {
                        let pattern = if *target {
                            lang.targets[*metric as usize]
                        } else {
                            lang.figures[*metric as usize]
                        };
                        pattern.replace("{v}", &style.number(*value, lang))
                    } else if rng.u8(..4) == 0 {
                        let previous = (self.year - 1).to_string();
                        lang.change
                            .replace("{pct}", &style.number(rng.u64(2..40), lang))
                            .replace("{prev}", &previous)
                    } else {
                        fill(lang.sentences[rng.usize(..lang.sentences.len())])
                    };
                    out.push_str(&sentence);
                    out.push(' ');
                }
                out.pop();
                out.push_str("\n\n");
            }
            if section == 1 {
                let _ = writeln!(out, "{}\n", lang.list_intro);
                for item in 0..rng.usize(3..=lang.list_items.len()) {
                    let _ = writeln!(out, "- {}", lang.list_items[item]);
                }
                out.push('\n');
            }
            if section == 2 && rng.u8(..4) == 0 {
                self.table(rng, lang, style, &mut out);
            }
            section += 1;
        }
        out
    }

    /// Adds a `[photo]` table to the front matter `text` of one version: the
    /// first names the file and the credit, the other inherits them.
    fn lead_photo(&self, lang: &Lang, first: bool, text: &mut String) {
        let names = province_names(PROVINCES[self.province].1);
        let province = &names[LANGS.iter().position(|l| l.code == lang.code).unwrap_or(0)];
        let mut table = format!(
            "[photo]\nalt = \"{}\"\ncaption = \"{}\"\n",
            lang.photo_alt.replace("{province}", province),
            lang.photo_caption.replace("{province}", province)
        );
        if first {
            let _ = write!(
                table,
                "file = \"{}.jpg\"\ncredit = \"bulletin\"\n",
                self.slug
            );
        }
        table.push_str("+++\n");
        let close = text.find("\n+++\n\n").expect("front matter") + 1;
        text.replace_range(close..close + 4, &table);
    }

    /// A Markdown table of three indicators over two years.
    fn table(&self, rng: &mut fastrand::Rng, lang: &Lang, style: Digits, out: &mut String) {
        let _ = writeln!(
            out,
            "| {} | {} | {} |\n|---|---:|---:|",
            lang.indicator,
            self.year - 1,
            self.year
        );
        for metric in &Metric::ALL[..3] {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                lang.metric_names[*metric as usize],
                style.number(metric.draw(rng), lang),
                style.number(metric.draw(rng), lang)
            );
        }
        out.push('\n');
    }
}

/// The metrics figures are drawn from, in the order of each language's patterns.
#[derive(Clone, Copy)]
enum Metric {
    Cooperatives,
    CooperativeGroups,
    Members,
    NewCooperatives,
    DissolvedCooperatives,
    Workers,
}

impl Metric {
    const ALL: [Metric; 6] = [
        Metric::Cooperatives,
        Metric::CooperativeGroups,
        Metric::Members,
        Metric::NewCooperatives,
        Metric::DissolvedCooperatives,
        Metric::Workers,
    ];

    fn id(self) -> &'static str {
        match self {
            Metric::Cooperatives => "cooperatives",
            Metric::CooperativeGroups => "cooperative_groups",
            Metric::Members => "members",
            Metric::NewCooperatives => "new_cooperatives",
            Metric::DissolvedCooperatives => "dissolved_cooperatives",
            Metric::Workers => "workers",
        }
    }

    /// A value of the size provinces report.
    fn draw(self, rng: &mut fastrand::Rng) -> u64 {
        match self {
            Metric::Cooperatives => rng.u64(80..3000),
            Metric::CooperativeGroups => rng.u64(150..6000),
            Metric::Members => rng.u64(2000..250_000),
            Metric::NewCooperatives => rng.u64(5..200),
            Metric::DissolvedCooperatives => rng.u64(2..80),
            Metric::Workers => rng.u64(3000..400_000),
        }
    }
}

/// How one Arabic article writes its digits: news sites use both.
#[derive(Clone, Copy)]
enum Digits {
    Latin,
    ArabicIndic,
}

impl Digits {
    /// `value` grouped by thousands with the language's separator.
    fn number(self, value: u64, lang: &Lang) -> String {
        let digits = value.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(match self {
                    Digits::Latin => lang.group,
                    Digits::ArabicIndic => "\u{066C}",
                });
            }
            match self {
                Digits::Latin => out.push(c),
                Digits::ArabicIndic => out.push(
                    char::from_u32('\u{0660}' as u32 + c.to_digit(10).unwrap_or(0)).unwrap_or(c),
                ),
            }
        }
        out
    }
}

/// The words of one language: patterns with `{province}`, `{year}`, `{v}` (a figure's
/// value), `{pct}` and `{prev}` (a percentage and the year before).
struct Lang {
    code: &'static str,
    name: &'static str,
    locale: &'static str,
    title: &'static str,
    group: &'static str,
    titles: &'static [&'static str],
    headings: &'static [&'static str],
    sentences: &'static [&'static str],
    /// One pattern per [`Metric`], for an actual value.
    figures: [&'static str; 6],
    /// One pattern per [`Metric`], for a target.
    targets: [&'static str; 6],
    change: &'static str,
    list_intro: &'static str,
    list_items: &'static [&'static str],
    indicator: &'static str,
    metric_names: [&'static str; 3],
    /// A lead photo's alt text and caption: `{province}`.
    photo_alt: &'static str,
    photo_caption: &'static str,
}

const LANGS: [Lang; 5] = [
    Lang {
        code: "en",
        name: "English",
        locale: "en-US",
        title: "Cooperative Bulletin",
        group: ",",
        titles: &[
            "{province}: cooperative results for {year}",
            "{province} sets targets for the collective economy in {year}",
            "{province} cooperative union holds its {year} conference",
        ],
        headings: &[
            "Results of {year}",
            "Tasks for the coming year",
            "Support for members",
            "Value chains",
            "Difficulties",
            "Recommendations",
        ],
        sentences: &[
            "The provincial cooperative union held its annual review in {province}.",
            "Cooperatives continued to link production with processing and sales.",
            "Many farmers' groups registered as cooperatives after training from the union.",
            "Households received help with seed, fertiliser and access to credit.",
            "The union asked local authorities to simplify registration procedures.",
            "Several cooperatives now sell their products through online platforms.",
            "Delegates discussed how to attract young people to the collective economy.",
            "Weak cooperatives were advised to restructure or merge with stronger ones.",
            "The province plans more training for cooperative managers in {year}.",
            "Value chains for rice, fruit and seafood remain the main focus.",
            "Cooperatives that keep digital accounts reported clearer finances.",
            "Women lead a growing share of the newly formed groups.",
        ],
        figures: [
            "The province has {v} cooperatives in operation.",
            "There are {v} cooperative groups across the province.",
            "Cooperatives count {v} members in total.",
            "During the year, {v} new cooperatives were established.",
            "Another {v} cooperatives were dissolved after long inactivity.",
            "The collective economy employs {v} workers.",
        ],
        targets: [
            "By the end of the plan the province aims for {v} cooperatives.",
            "The target is {v} cooperative groups.",
            "The union aims to reach {v} members.",
            "The plan is to establish {v} new cooperatives.",
            "The union expects to have dissolved {v} inactive cooperatives.",
            "The target is jobs for {v} workers.",
        ],
        change: "Average revenue per cooperative rose by {pct}% compared with {prev}.",
        list_intro: "The union set out these priorities:",
        list_items: &[
            "training for managers",
            "access to preferential loans",
            "certification of local products",
            "digital transformation",
            "links with enterprises",
            "clean water and irrigation",
        ],
        indicator: "Indicator",
        metric_names: ["Cooperatives", "Cooperative groups", "Members"],
        photo_alt: "Members of a cooperative in {province} in front of their fields",
        photo_caption: "A cooperative in {province}",
    },
    Lang {
        code: "vi",
        name: "Tiếng Việt",
        locale: "vi-VN",
        title: "Bản tin Hợp tác xã",
        group: ".",
        titles: &[
            "{province}: kết quả phát triển hợp tác xã năm {year}",
            "{province} đặt mục tiêu phát triển kinh tế tập thể năm {year}",
            "Liên minh HTX {province} tổ chức hội nghị năm {year}",
        ],
        headings: &[
            "Kết quả năm {year}",
            "Nhiệm vụ năm tới",
            "Hỗ trợ thành viên",
            "Chuỗi giá trị",
            "Khó khăn, vướng mắc",
            "Kiến nghị",
        ],
        sentences: &[
            "Liên minh Hợp tác xã tỉnh {province} tổ chức hội nghị tổng kết năm.",
            "Các hợp tác xã tiếp tục gắn sản xuất với chế biến và tiêu thụ sản phẩm.",
            "Nhiều nhóm nông dân đã đăng ký thành hợp tác xã sau khi được tập huấn.",
            "Các hộ được hỗ trợ giống, phân bón và tiếp cận nguồn vốn.",
            "Liên minh đề nghị chính quyền địa phương đơn giản hóa thủ tục đăng ký.",
            "Một số hợp tác xã đã bán sản phẩm qua các sàn thương mại điện tử.",
            "Đại biểu thảo luận cách thu hút thanh niên tham gia kinh tế tập thể.",
            "Các hợp tác xã yếu kém được khuyến khích tổ chức lại hoặc sáp nhập.",
            "Năm {year}, tỉnh sẽ mở thêm các lớp bồi dưỡng cho cán bộ quản lý.",
            "Chuỗi giá trị lúa gạo, trái cây và thủy sản vẫn là trọng tâm.",
            "Các đơn vị áp dụng sổ sách điện tử có báo cáo tài chính minh bạch hơn.",
            "Phụ nữ làm chủ ngày càng nhiều nhóm sản xuất mới.",
        ],
        figures: [
            "Toàn tỉnh hiện có {v} hợp tác xã đang hoạt động.",
            "Trên địa bàn tỉnh có {v} tổ hợp tác.",
            "Các hợp tác xã có tổng cộng {v} thành viên.",
            "Trong năm, đã thành lập mới {v} hợp tác xã.",
            "Có {v} hợp tác xã giải thể do không hoạt động.",
            "Khu vực kinh tế tập thể tạo việc làm cho {v} lao động.",
        ],
        targets: [
            "Phấn đấu đến cuối kỳ toàn tỉnh có {v} hợp tác xã.",
            "Mục tiêu đặt ra là {v} tổ hợp tác.",
            "Phấn đấu thu hút {v} thành viên.",
            "Kế hoạch thành lập mới {v} hợp tác xã.",
            "Dự kiến giải thể {v} hợp tác xã ngừng hoạt động.",
            "Mục tiêu tạo việc làm cho {v} lao động.",
        ],
        change: "Doanh thu bình quân mỗi hợp tác xã tăng {pct}% so với năm {prev}.",
        list_intro: "Liên minh đề ra các nhiệm vụ trọng tâm:",
        list_items: &[
            "đào tạo cán bộ quản lý",
            "tiếp cận vốn vay ưu đãi",
            "chứng nhận sản phẩm địa phương",
            "chuyển đổi số",
            "liên kết với doanh nghiệp",
            "nước sạch và thủy lợi",
        ],
        indicator: "Chỉ tiêu",
        metric_names: ["Hợp tác xã", "Tổ hợp tác", "Thành viên"],
        photo_alt: "Thành viên một hợp tác xã ở {province} trước cánh đồng",
        photo_caption: "Một hợp tác xã ở {province}",
    },
    Lang {
        code: "ar",
        name: "العربية",
        locale: "ar-EG",
        title: "نشرة التعاونيات",
        group: ",",
        titles: &[
            "{province}: نتائج التعاونيات لعام {year}",
            "{province} تحدد أهداف الاقتصاد الجماعي لعام {year}",
            "اتحاد تعاونيات {province} يعقد مؤتمره لعام {year}",
        ],
        headings: &[
            "نتائج عام {year}",
            "مهام العام المقبل",
            "دعم الأعضاء",
            "سلاسل القيمة",
            "الصعوبات",
            "التوصيات",
        ],
        sentences: &[
            "عقد اتحاد التعاونيات في مقاطعة {province} اجتماعه السنوي لتقييم الأداء.",
            "تواصل التعاونيات ربط الإنتاج بالتصنيع والتسويق.",
            "سجّلت مجموعات كثيرة من المزارعين نفسها كتعاونيات بعد تلقي التدريب.",
            "حصلت الأسر على دعم بالبذور والأسمدة وإمكانية الحصول على التمويل.",
            "دعا الاتحاد السلطات المحلية إلى تبسيط إجراءات التسجيل.",
            "باتت عدة تعاونيات تبيع منتجاتها عبر المنصات الإلكترونية.",
            "ناقش المندوبون سبل جذب الشباب إلى الاقتصاد الجماعي.",
            "نُصحت التعاونيات الضعيفة بإعادة الهيكلة أو الاندماج.",
            "تعتزم المقاطعة في عام {year} توسيع برامج تدريب مديري التعاونيات.",
            "تظل سلاسل قيمة الأرز والفواكه والمأكولات البحرية محور الاهتمام.",
            "أفادت التعاونيات التي تعتمد المحاسبة الرقمية بحسابات أوضح.",
            "تقود النساء عددًا متزايدًا من مجموعات الإنتاج الجديدة.",
        ],
        figures: [
            "يبلغ عدد التعاونيات العاملة في المقاطعة {v} تعاونية.",
            "توجد {v} مجموعة تعاونية في أنحاء المقاطعة.",
            "يبلغ مجموع أعضاء التعاونيات {v} عضوًا.",
            "تأسست خلال العام {v} تعاونية جديدة.",
            "جرى حل {v} تعاونية بسبب توقف نشاطها.",
            "يوفر القطاع التعاوني فرص عمل لـ {v} عاملًا.",
        ],
        targets: [
            "تهدف المقاطعة إلى الوصول إلى {v} تعاونية بنهاية الخطة.",
            "الهدف هو {v} مجموعة تعاونية.",
            "يسعى الاتحاد إلى ضم {v} عضوًا.",
            "تهدف الخطة إلى تأسيس {v} تعاونية جديدة.",
            "يتوقع الاتحاد حل {v} تعاونية متوقفة.",
            "الهدف هو توفير فرص عمل لـ {v} عاملًا.",
        ],
        change: "ارتفع متوسط إيرادات التعاونية بنسبة {pct}% مقارنة بعام {prev}.",
        list_intro: "حدد الاتحاد الأولويات التالية:",
        list_items: &[
            "تدريب المديرين",
            "الحصول على قروض ميسرة",
            "اعتماد المنتجات المحلية",
            "التحول الرقمي",
            "الشراكة مع الشركات",
            "المياه النظيفة والري",
        ],
        indicator: "المؤشر",
        metric_names: ["التعاونيات", "المجموعات التعاونية", "الأعضاء"],
        photo_alt: "أعضاء تعاونية في {province} أمام حقولهم",
        photo_caption: "تعاونية في {province}",
    },
    Lang {
        code: "id",
        name: "Bahasa Indonesia",
        locale: "id-ID",
        title: "Buletin Koperasi",
        group: ".",
        titles: &[
            "{province}: capaian koperasi tahun {year}",
            "{province} tetapkan target ekonomi kolektif {year}",
            "Serikat koperasi {province} gelar konferensi {year}",
        ],
        headings: &[
            "Hasil tahun {year}",
            "Tugas tahun depan",
            "Dukungan bagi anggota",
            "Rantai nilai",
            "Kendala",
            "Rekomendasi",
        ],
        sentences: &[
            "Serikat koperasi provinsi {province} menggelar rapat evaluasi tahunan.",
            "Koperasi terus menghubungkan produksi dengan pengolahan dan pemasaran.",
            "Banyak kelompok tani mendaftar sebagai koperasi setelah pelatihan.",
            "Rumah tangga mendapat bantuan bibit, pupuk, dan akses permodalan.",
            "Serikat meminta pemerintah daerah menyederhanakan prosedur pendaftaran.",
            "Beberapa koperasi kini menjual produknya melalui platform daring.",
            "Para delegasi membahas cara menarik kaum muda ke ekonomi kolektif.",
            "Koperasi yang lemah disarankan untuk berbenah atau bergabung.",
            "Pada tahun {year}, provinsi akan menambah pelatihan bagi pengurus.",
            "Rantai nilai padi, buah-buahan, dan hasil laut tetap menjadi fokus utama.",
            "Unit usaha yang memakai pembukuan digital melaporkan keuangan yang lebih jelas.",
            "Perempuan memimpin semakin banyak kelompok usaha yang baru terbentuk.",
        ],
        figures: [
            "Provinsi ini memiliki {v} koperasi yang aktif.",
            "Terdapat {v} kelompok koperasi di seluruh provinsi.",
            "Koperasi-koperasi itu memiliki {v} anggota.",
            "Sepanjang tahun, {v} koperasi baru didirikan.",
            "Sebanyak {v} koperasi dibubarkan karena tidak aktif.",
            "Sektor ekonomi kolektif mempekerjakan {v} tenaga kerja.",
        ],
        targets: [
            "Provinsi menargetkan {v} koperasi pada akhir rencana.",
            "Sasarannya adalah {v} kelompok koperasi.",
            "Serikat menargetkan {v} anggota.",
            "Rencananya {v} koperasi baru akan didirikan.",
            "Diperkirakan {v} koperasi yang tidak aktif akan dibubarkan.",
            "Targetnya lapangan kerja bagi {v} tenaga kerja.",
        ],
        change: "Pendapatan rata-rata per koperasi naik {pct}% dibandingkan tahun {prev}.",
        list_intro: "Serikat menetapkan prioritas berikut:",
        list_items: &[
            "pelatihan pengurus",
            "akses pinjaman berbunga rendah",
            "sertifikasi produk lokal",
            "transformasi digital",
            "kemitraan dengan perusahaan",
            "air bersih dan irigasi",
        ],
        indicator: "Indikator",
        metric_names: ["Koperasi", "Kelompok koperasi", "Anggota"],
        photo_alt: "Anggota koperasi di {province} di depan sawah mereka",
        photo_caption: "Sebuah koperasi di {province}",
    },
    Lang {
        code: "ru",
        name: "Русский",
        locale: "ru-RU",
        title: "Кооперативный бюллетень",
        group: "\u{a0}",
        titles: &[
            "{province}: итоги работы кооперативов за {year} год",
            "{province} ставит задачи коллективной экономики на {year} год",
            "Союз кооперативов провинции {province} провёл конференцию {year} года",
        ],
        headings: &[
            "Итоги {year} года",
            "Задачи на следующий год",
            "Поддержка пайщиков",
            "Цепочки стоимости",
            "Трудности",
            "Предложения",
        ],
        sentences: &[
            "Союз кооперативов провинции {province} провёл ежегодное совещание.",
            "Кооперативы продолжают связывать производство с переработкой и сбытом.",
            "Многие крестьянские объединения после обучения зарегистрировались как кооперативы.",
            "Хозяйства получили помощь семенами, удобрениями и доступ к финансированию.",
            "Союз призвал местные власти упростить порядок регистрации.",
            "Ряд кооперативов продаёт продукцию через интернет-площадки.",
            "Делегаты обсудили, как привлечь молодёжь в коллективную экономику.",
            "Слабым кооперативам рекомендовано провести реорганизацию или объединиться.",
            "В {year} году провинция расширит обучение руководителей.",
            "Главным направлением остаются цепочки стоимости риса, фруктов и морепродуктов.",
            "Хозяйства с электронным учётом представляют более прозрачную отчётность.",
            "Всё больше новых объединений возглавляют женщины.",
        ],
        figures: [
            "В провинции работают {v} кооперативов.",
            "На территории провинции действуют {v} кооперативных групп.",
            "В кооперативах состоят {v} членов.",
            "За год создано {v} новых кооперативов.",
            "Ещё {v} кооперативов ликвидированы из-за бездействия.",
            "В коллективном секторе заняты {v} работников.",
        ],
        targets: [
            "К концу периода провинция планирует иметь {v} кооперативов.",
            "Цель — {v} кооперативных групп.",
            "Союз стремится привлечь {v} членов.",
            "Планируется создать {v} новых кооперативов.",
            "Ожидается ликвидация {v} бездействующих кооперативов.",
            "Цель — рабочие места для {v} работников.",
        ],
        change: "Средняя выручка кооператива выросла на {pct}% по сравнению с {prev} годом.",
        list_intro: "Союз определил приоритеты:",
        list_items: &[
            "обучение руководителей",
            "доступ к льготным кредитам",
            "сертификация местной продукции",
            "цифровая трансформация",
            "связи с предприятиями",
            "чистая вода и орошение",
        ],
        indicator: "Показатель",
        metric_names: ["Кооперативы", "Кооперативные группы", "Члены"],
        photo_alt: "Члены кооператива в {province} перед своими полями",
        photo_caption: "Кооператив в {province}",
    },
];

const TOPICS: [&str; 6] = [
    "review",
    "plan",
    "conference",
    "new-cooperatives",
    "value-chains",
    "support",
];

/// Sixty provinces: URL id and Vietnamese name.
const PROVINCES: [(&str, &str); 60] = [
    ("an-giang", "An Giang"),
    ("ba-ria-vung-tau", "Bà Rịa – Vũng Tàu"),
    ("bac-giang", "Bắc Giang"),
    ("bac-kan", "Bắc Kạn"),
    ("bac-lieu", "Bạc Liêu"),
    ("bac-ninh", "Bắc Ninh"),
    ("ben-tre", "Bến Tre"),
    ("binh-dinh", "Bình Định"),
    ("binh-duong", "Bình Dương"),
    ("binh-phuoc", "Bình Phước"),
    ("binh-thuan", "Bình Thuận"),
    ("ca-mau", "Cà Mau"),
    ("cao-bang", "Cao Bằng"),
    ("dak-lak", "Đắk Lắk"),
    ("dak-nong", "Đắk Nông"),
    ("dien-bien", "Điện Biên"),
    ("dong-nai", "Đồng Nai"),
    ("dong-thap", "Đồng Tháp"),
    ("gia-lai", "Gia Lai"),
    ("ha-giang", "Hà Giang"),
    ("ha-nam", "Hà Nam"),
    ("ha-tinh", "Hà Tĩnh"),
    ("hai-duong", "Hải Dương"),
    ("hau-giang", "Hậu Giang"),
    ("hoa-binh", "Hòa Bình"),
    ("hung-yen", "Hưng Yên"),
    ("khanh-hoa", "Khánh Hòa"),
    ("kien-giang", "Kiên Giang"),
    ("kon-tum", "Kon Tum"),
    ("lai-chau", "Lai Châu"),
    ("lam-dong", "Lâm Đồng"),
    ("lang-son", "Lạng Sơn"),
    ("lao-cai", "Lào Cai"),
    ("long-an", "Long An"),
    ("nam-dinh", "Nam Định"),
    ("nghe-an", "Nghệ An"),
    ("ninh-binh", "Ninh Bình"),
    ("ninh-thuan", "Ninh Thuận"),
    ("phu-tho", "Phú Thọ"),
    ("phu-yen", "Phú Yên"),
    ("quang-binh", "Quảng Bình"),
    ("quang-nam", "Quảng Nam"),
    ("quang-ngai", "Quảng Ngãi"),
    ("quang-ninh", "Quảng Ninh"),
    ("quang-tri", "Quảng Trị"),
    ("soc-trang", "Sóc Trăng"),
    ("son-la", "Sơn La"),
    ("tay-ninh", "Tây Ninh"),
    ("thai-binh", "Thái Bình"),
    ("thai-nguyen", "Thái Nguyên"),
    ("thanh-hoa", "Thanh Hóa"),
    ("thua-thien-hue", "Thừa Thiên Huế"),
    ("tien-giang", "Tiền Giang"),
    ("tra-vinh", "Trà Vinh"),
    ("tuyen-quang", "Tuyên Quang"),
    ("vinh-long", "Vĩnh Long"),
    ("vinh-phuc", "Vĩnh Phúc"),
    ("yen-bai", "Yên Bái"),
    ("can-tho", "Cần Thơ"),
    ("da-nang", "Đà Nẵng"),
];

/// A province's name in each of [`LANGS`]: Vietnamese as written, its letters
/// without marks for English and Indonesian, and a letter-by-letter rendering
/// in Arabic and Cyrillic script (rough, as synthetic data may be).
fn province_names(vietnamese: &str) -> [String; 5] {
    let latin = deunicode::deunicode(vietnamese).replace(" - ", " ");
    let lower = latin.to_lowercase();
    let cyrillic = transliterate(&lower, CYRILLIC);
    let arabic = transliterate(&lower, ARABIC);
    let capitalised = cyrillic
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    [
        latin.clone(),
        vietnamese.to_owned(),
        arabic,
        latin,
        capitalised,
    ]
}

/// Replaces each Latin letter group by the first rule that matches at that point.
fn transliterate(text: &str, rules: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match rules.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.push_str(to);
                rest = &rest[from.len()..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

const CYRILLIC: &[(&str, &str)] = &[
    ("ngh", "нг"),
    ("ng", "нг"),
    ("nh", "нь"),
    ("kh", "кх"),
    ("th", "т"),
    ("tr", "ч"),
    ("ch", "ч"),
    ("ph", "ф"),
    ("gi", "з"),
    ("qu", "ку"),
    ("uy", "уи"),
    ("a", "а"),
    ("b", "б"),
    ("c", "к"),
    ("d", "з"),
    ("e", "е"),
    ("g", "г"),
    ("h", "х"),
    ("i", "и"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("r", "р"),
    ("s", "ш"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("x", "с"),
    ("y", "и"),
];

const ARABIC: &[(&str, &str)] = &[
    ("ngh", "نغ"),
    ("ng", "نغ"),
    ("nh", "نه"),
    ("kh", "خ"),
    ("th", "ث"),
    ("tr", "تر"),
    ("ch", "تش"),
    ("ph", "ف"),
    ("gi", "ج"),
    ("qu", "كو"),
    ("a", "ا"),
    ("b", "ب"),
    ("c", "ك"),
    ("d", "د"),
    ("e", "ي"),
    ("g", "غ"),
    ("h", "ه"),
    ("i", "ي"),
    ("k", "ك"),
    ("l", "ل"),
    ("m", "م"),
    ("n", "ن"),
    ("o", "و"),
    ("p", "ب"),
    ("r", "ر"),
    ("s", "س"),
    ("t", "ت"),
    ("u", "و"),
    ("v", "ف"),
    ("x", "س"),
    ("y", "ي"),
];

/// `site.toml` for the generated site: five languages and the sixty provinces.
fn site_toml() -> String {
    let mut s = String::from(
        "# A synthetic bulletin written by the gen_corpus example.\n\
         base_url = \"https://bulletin.example/\"\ndefault_language = \"en\"\n\n[title]\n",
    );
    for lang in &LANGS {
        let _ = writeln!(s, "{} = \"{}\"", lang.code, lang.title);
    }
    for lang in &LANGS {
        let _ = writeln!(
            s,
            "\n[languages.{}]\nname = \"{}\"\nlocale = \"{}\"",
            lang.code, lang.name, lang.locale
        );
    }
    for (id, vietnamese) in PROVINCES {
        let names = province_names(vietnamese);
        let _ = write!(s, "\n[provinces.{id}]\nname = {{ ");
        for (i, (lang, name)) in LANGS.iter().zip(&names).enumerate() {
            let comma = if i > 0 { ", " } else { "" };
            let _ = write!(s, "{comma}{} = \"{name}\"", lang.code);
        }
        s.push_str(" }\n");
    }
    s
}

/// `count` different landscapes of `width` × `height` as JPEG files, for
/// [`generate`]: as large and as hard to compress as phone photos.
pub fn photos(count: usize, width: u32, height: u32) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| {
            let scene = &scene::ALL[i % scene::ALL.len()];
            let image = scene::draw(scene, width, height, i as u64);
            let mut jpeg = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 88)
                .write_image(&image, width, height, image::ExtendedColorType::Rgb8)
                .expect("encoding to memory");
            jpeg
        })
        .collect()
}

/// `jpeg` with a comment segment naming `name` after its start marker: the
/// same picture in a file of its own.
fn unique_jpeg(jpeg: &[u8], name: &str) -> Vec<u8> {
    let comment = name.as_bytes();
    let length = u16::try_from(comment.len() + 2).expect("a short name");
    let mut out = Vec::with_capacity(jpeg.len() + comment.len() + 4);
    out.extend_from_slice(&jpeg[..2]);
    out.extend_from_slice(&[0xFF, 0xFE]);
    out.extend_from_slice(&length.to_be_bytes());
    out.extend_from_slice(comment);
    out.extend_from_slice(&jpeg[2..]);
    out
}
