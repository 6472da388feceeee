"""Generate a benchmark corpus: clean circular-like documents and their OCR-damaged copies.

Each document is built from parts (issuing bodies, a 发文字号, a title, addressees, an
outline-numbered body, signature, date, disclosure note, cc list) laid out as
GB/T 9704-2012 prescribes, then damaged the way OCR and PDF extraction damage real
circulars (see samples/ and samples/realdocs/README.md):

- letter-spaced header lines (``湖 南 省 教 育 厅``) and the mark glued to a name
  (``湖南省财政厅文件``);
- stacked joint-issuance headers: the shared region printed once as fragments below
  the name stems (``省教育厅`` ... ``湖南`` / ``湖南省发``);
- titles split over lines; hard wraps every ~30 characters, with a blank line after
  each line in the pdfminer style;
- page numbers (``— 2 —``, ``- 2 -``, full-width digits) with the page-break space
  that starts the next page's first line;
- spaces around digits (``2023 年 6 月 5 日``, ``16 号``, ``800 亿元``);
- half-width punctuation in Chinese text (``,`` ``:`` ``;`` ``( 一)``);
- repeated sentence runs (a run of 1-3 sentences printed twice);
- sometimes font-mapped punctuation (``ꎬ`` for ``，``) and full-width digits.

Ground truth goes next to each damaged file: ``NNNN.truth.txt`` (the clean text) and
``NNNN.json`` (issuers, document number, body paragraphs, sentences, planted
duplicates, artefacts applied). Everything is seeded: the same command gives the
same corpus byte for byte.

    python benchmarks/generate_corpus.py --out benchmarks/corpus --docs 200 --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

# --- Vocabulary --------------------------------------------------------------------
# (region, its one-character abbreviation for document numbers, province-level?)
REGIONS = [
    ("湖南省", "湘", True),
    ("浙江省", "浙", True),
    ("四川省", "川", True),
    ("江苏省", "苏", True),
    ("广东省", "粤", True),
    ("河北省", "冀", True),
    ("福建省", "闽", True),
    ("杭州市", "杭", False),
    ("长沙市", "长", False),
    ("成都市", "成", False),
    ("淮安市", "淮", False),
    ("宁波市", "甬", False),
]
# (agency stem at province level, city level, abbreviation)
AGENCIES = [
    ("教育厅", "教育局", "教"),
    ("财政厅", "财政局", "财"),
    ("发展和改革委员会", "发展和改革委员会", "发改"),
    ("人力资源和社会保障厅", "人力资源和社会保障局", "人社"),
    ("住房和城乡建设厅", "住房和城乡建设局", "建"),
    ("卫生健康委员会", "卫生健康委员会", "卫健"),
    ("农业农村厅", "农业农村局", "农"),
    ("科学技术厅", "科学技术局", "科"),
    ("自然资源厅", "自然资源和规划局", "自然资"),
    ("生态环境厅", "生态环境局", "环"),
    ("交通运输厅", "交通运输局", "交"),
    ("民政厅", "民政局", "民"),
    ("人民政府办公厅", "人民政府办公厅", "政办"),
]
DOC_KINDS = ["发", "函", "规", "通", "办"]
TOPICS = [
    "进一步加强义务教育阶段学校课后服务工作",
    "推进职业教育高质量发展",
    "做好高校毕业生就业创业工作",
    "加快推进城乡居民基本养老保险全覆盖",
    "深化农村人居环境整治提升",
    "加强中小学校园安全管理",
    "支持创业带动就业",
    "推进生态环境分区管控",
    "规范涉企行政检查",
    "加强基层医疗卫生服务能力建设",
    "推动数字经济与实体经济深度融合",
    "做好冬春季农田水利基本建设",
    "进一步优化营商环境",
    "加强老旧小区改造资金管理",
    "推进全民健身设施补短板",
]
ADDRESSEES = [
    "各市州、县市区人民政府，省直有关单位：",
    "各市州教育局、发展改革委、财政局：",
    "各区、县（市）人民政府，市政府各部门、各直属单位：",
    "各设区市人民政府，省各有关部门：",
    "各高等学校，各市州人力资源社会保障局：",
]
SECTION_HEADS = [
    "总体要求",
    "主要任务",
    "重点工作",
    "保障措施",
    "组织实施",
    "工作目标",
    "监督检查",
    "其他事项",
    "资金管理",
    "职责分工",
]
ADVERBS = ["进一步", "切实", "全面", "统筹", "持续", "加快", "着力", "大力", "稳步", "深入"]
VERBS = ["加强", "完善", "推进", "落实", "健全", "规范", "优化", "提升", "强化", "建立", "深化", "扩大"]
OBJECTS = [
    "课后服务保障机制",
    "基层治理能力",
    "财政资金使用效益",
    "公共服务供给水平",
    "部门协同联动机制",
    "安全生产责任制度",
    "信息公开工作",
    "政策宣传解读",
    "绩效评价结果运用",
    "监督检查力度",
    "专业人才队伍建设",
    "项目储备和前期工作",
    "数据共享和业务协同",
    "风险防范化解能力",
    "考核评价体系",
    "工作台账管理",
]
PURPOSES = [
    "确保各项任务落到实处",
    "形成工作合力",
    "切实减轻群众负担",
    "不断增强人民群众获得感",
    "推动工作提质增效",
    "为经济社会发展提供有力支撑",
    "防止出现工作断档",
    "确保资金安全规范高效使用",
]
ACTORS = ["各地", "各级教育行政部门", "各有关部门", "各市州", "各学校", "县级人民政府", "牵头单位"]
DOC_NAMES = ["实施方案", "管理办法", "工作指引", "若干措施", "行动计划", "考核办法"]

DASHES = ["— {n} —", "- {n} -", "—{n}—", "— {fw} —"]
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Truth:
    name: str
    issuers: list[str]
    mark: str | None
    doc_number: str
    title: str
    paragraphs: list[str]  # body paragraphs (after the addressee line, before the signature)
    sentences: list[str]  # every sentence of the body, each unique in the document
    planted: list[str] = field(default_factory=list)  # repeated runs inserted by the damage
    artefacts: list[str] = field(default_factory=list)


# --- Clean documents ---------------------------------------------------------------


class Writer:
    """Builds one clean document; keeps sentences unique so duplicates are only planted ones."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.seen: set[str] = set()
        self.sentences: list[str] = []

    def sentence(self) -> str:
        r = self.rng
        for _ in range(50):
            kind = r.random()
            if kind < 0.45:
                s = f"{r.choice(ADVERBS)}{r.choice(VERBS)}{r.choice(OBJECTS)}，{r.choice(VERBS)}{r.choice(OBJECTS)}，{r.choice(PURPOSES)}。"
            elif kind < 0.65:
                year = r.randint(2023, 2030)
                pct = r.choice([f"{r.randint(60, 99)}%", f"{r.randint(1, 9)}.{r.randint(1, 9)}%"])
                s = f"到{year}年，{r.choice(ACTORS)}{r.choice(OBJECTS)}达标率达到{pct}以上，{r.choice(PURPOSES)}。"
            elif kind < 0.8:
                amount = r.choice(["800亿元", "1.5亿元", "3000万元", "50万元", "12.6亿元"])
                s = f"{r.choice(ACTORS)}要安排专项资金{amount}，用于{r.choice(VERBS)}{r.choice(OBJECTS)}。"
            elif kind < 0.9:
                m, d = r.randint(1, 12), r.randint(1, 28)
                s = f"请{r.choice(ACTORS)}于{r.randint(2023, 2026)}年{m}月{d}日前报送{r.choice(OBJECTS)}情况；逾期未报送的，予以通报。"
            else:
                ref = f"《{r.choice([x[0] for x in REGIONS])}{r.choice(TOPICS)}{r.choice(DOC_NAMES)}》"
                s = f"{r.choice(ACTORS)}要认真贯彻{ref}，{r.choice(ADVERBS)}{r.choice(VERBS)}{r.choice(OBJECTS)}。"
            if s not in self.seen:
                self.seen.add(s)
                self.sentences.append(s)
                return s
        raise RuntimeError("vocabulary too small for a unique sentence")

    def paragraph(self, lo: int, hi: int) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))


CN_NUM = "一二三四五六七八九十"


def make_document(rng: random.Random, name: str) -> tuple[str, Truth, dict]:
    region, abbr, province = rng.choice(REGIONS)
    n_issuers = rng.choice([1, 1, 1, 2, 3, 4, 5])
    picked = rng.sample(AGENCIES, n_issuers)
    issuers = [region + (a[0] if province else a[1]) for a in picked]
    lead = picked[0]
    mark = "文件" if rng.random() < 0.7 else None
    year = rng.randint(2019, 2025)
    doc_number = f"{abbr}{lead[2]}{rng.choice(DOC_KINDS)}〔{year}〕{rng.randint(1, 320)}号"
    topic = rng.choice(TOPICS)
    if rng.random() < 0.5:
        title = f"{region}{lead[0 if province else 1]}关于{topic}的通知"
    else:
        title = f"关于印发《{region}{topic}{rng.choice(DOC_NAMES)}》的通知"
    if n_issuers > 1:
        title = title.replace(f"{region}{lead[0 if province else 1]}", f"{issuers[0]}等{n_issuers}部门", 1)
    addressee = rng.choice(ADDRESSEES)

    w = Writer(rng)
    paragraphs: list[str] = [
        f"为{rng.choice(ADVERBS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}，经研究，现就{topic}有关事项通知如下。"
    ]
    w.sentences.append(paragraphs[0])
    w.seen.add(paragraphs[0])
    for i, head in enumerate(rng.sample(SECTION_HEADS, rng.randint(3, 6))):
        paragraphs.append(f"{CN_NUM[i]}、{head}")
        # One numbering style per section, counted properly: （一）（二） or 1. 2. or none.
        style = rng.choice(["paren", "arabic", "plain", "plain"])
        for j in range(rng.randint(1, 3)):
            if style == "paren":
                paragraphs.append(f"（{CN_NUM[j]}）{w.sentence()}{w.paragraph(1, 3)}")
            elif style == "arabic":
                paragraphs.append(f"{j + 1}.{w.paragraph(1, 3)}")
            else:
                paragraphs.append(w.paragraph(2, 6))
    paragraphs.append(f"本通知自{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日起施行。")
    w.sentences.append(paragraphs[-1])

    month, day = rng.randint(1, 12), rng.randint(1, 28)
    date = f"{year}年{month}月{day}日"
    cc = f"抄送：{region}人民政府办公厅，{rng.choice(ACTORS)}。"
    head_lines = [*issuers, *([mark] if mark else []), doc_number, title, addressee]
    tail_lines = [issuers[0], date, "（此件主动公开）", cc]
    text = "\n".join([*head_lines, *paragraphs, *tail_lines]) + "\n"
    truth = Truth(name, issuers, mark, doc_number, title, paragraphs, list(w.sentences))
    parts = {
        "region": region,
        "issuers": issuers,
        "mark": mark,
        "doc_number": doc_number,
        "title": title,
        "addressee": addressee,
        "paragraphs": paragraphs,
        "tail": tail_lines,
        "date": date,
    }
    return text, truth, parts


# --- Damage ------------------------------------------------------------------------

SENT_RE = re.compile(r"[^。；！？]*[。；！？]")


def letter_space(s: str) -> str:
    return " ".join(s)


def space_digits(s: str, rng: random.Random, p: float) -> str:
    """OCR spaces on either side of digit runs next to CJK (2023 年, 16 号)."""

    def repl(m: re.Match[str]) -> str:
        if rng.random() >= p:
            return m.group(0)
        before = " " if m.start() > 0 and "\u4e00" <= s[m.start() - 1] <= "\u9fff" else ""
        after = " " if m.end() < len(s) and "\u4e00" <= s[m.end()] <= "\u9fff" else ""
        return f"{before}{m.group(0)}{after}"

    return re.sub(r"\d+(?:\.\d+)?%?", repl, s)


def half_width(s: str, rng: random.Random, p: float) -> str:
    table = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")"}
    out = []
    for ch in s:
        if ch in table and rng.random() < p:
            out.append(table[ch])
        else:
            out.append(ch)
    s = "".join(out)
    # ( 一) style outline brackets
    return re.sub(r"^\(([一二三四五六七八九十])\)", lambda m: f"( {m.group(1)})", s)


def plant_duplicate(par: str, rng: random.Random) -> tuple[str, str | None]:
    sents = SENT_RE.findall(par)
    if len(sents) < 2:
        return par, None
    k = rng.randint(1, min(3, len(sents) - 1))
    i = rng.randint(0, len(sents) - k)
    run = "".join(sents[i : i + k])
    if len(run) < 24:
        return par, None
    pos = sum(len(x) for x in sents[: i + k])
    return par[:pos] + run + par[pos:], run


NO_LINE_START = "，。、；：？！”’）》〉」』】"


def em_width(ch: str) -> float:
    """Printed width in ems: CJK and full-width forms 1, Latin letters 0.6, other ASCII
    0.5; a space is an extraction artefact (a glyph gap) and takes none."""
    if ch == " ":
        return 0.0
    if ord(ch) < 128:
        return 0.6 if ch.isalpha() else 0.5
    return 1.0


TOKEN_RE = re.compile(r"[0-9A-Za-z０-９.%．％]+|.", re.DOTALL)


def wrap(s: str, width: int) -> list[str]:
    """Hard-wrap at ``width`` ems as a PDF line does: digits are narrow, so a line with
    numbers holds more characters; a number or Latin word is not broken; closing
    punctuation stays off line starts (Chinese typesetting's 避头 rule)."""
    pieces: list[str] = []
    current, used = "", 0.0
    for token in TOKEN_RE.findall(s):
        w = sum(em_width(ch) for ch in token)
        if used + w > width and current and not (token in NO_LINE_START or token == " "):
            pieces.append(current)
            current, used = "", 0.0
        current += token
        used += w
    if current:
        pieces.append(current)
    return pieces or [""]


def damage(parts: dict, truth: Truth, rng: random.Random) -> str:
    arts = truth.artefacts
    lines: list[str] = []
    issuers: list[str] = parts["issuers"]
    region: str = parts["region"]
    mark = parts["mark"]

    # Header.
    if len(issuers) >= 3 and rng.random() < 0.5:
        arts.append("stacked-header")
        # Each name is cut in two: the stem printed in the upper block and the prefix
        # fragment printed below, overlapping by one character when the cut falls
        # after the region (湖南 + 省教育厅; 湖南省发 + 发展和改革委员会), as in samples/001.
        stems, frags = [], []
        for name in issuers:
            k = rng.randint(2, len(region) + 1)
            overlap = 1 if k > len(region) else 0
            frags.append(name[:k])
            stems.append(name[k - overlap :])
        mid = len(stems) // 2
        for k, stem in enumerate(stems):
            lines.append(stem + (mark if mark and k == mid else ""))
            if k % 2 == 1:
                lines.append("")
        lines.append("")
        for frag in frags:
            lines.extend([frag, ""])
    else:
        spaced = rng.random() < 0.6
        if spaced:
            arts.append("letter-spaced-header")
        mid = len(issuers) // 2 if len(issuers) > 1 else 0
        for k, name in enumerate(issuers):
            text = letter_space(name) if spaced and rng.random() < 0.7 else name
            if mark and k == mid:
                text += (" " if spaced else "") + mark
            lines.extend([text, ""])
        if len(issuers) == 1 and rng.random() < 0.3:
            lines[0] = " " + lines[0]
    doc_number = parts["doc_number"]
    if rng.random() < 0.5:
        arts.append("doc-number-space")
        doc_number = doc_number.replace("号", " 号")
    lines.extend([doc_number, ""])
    title = parts["title"]
    if len(title) > 18 and rng.random() < 0.6:
        arts.append("split-title")
        cut = rng.randint(8, len(title) - 6)
        lines.extend([title[:cut], title[cut:], ""])
    else:
        lines.extend([title, ""])

    # Body: per-paragraph damage, then wrapping.
    blank_between = rng.random() < 0.5
    if blank_between:
        arts.append("blank-line-wrap")
    width = rng.randint(26, 36)
    digit_p = rng.choice([0.0, 0.5, 1.0])
    if digit_p:
        arts.append("digit-spacing")
    half_p = rng.choice([0.0, 0.0, 0.3])
    if half_p:
        arts.append("half-width-punct")
    glyphs = rng.random() < 0.15
    if glyphs:
        arts.append("font-mapped-punct")
    fullwidth = rng.random() < 0.15
    if fullwidth:
        arts.append("full-width-digits")

    body_lines: list[str] = []
    addressee = parts["addressee"]
    body_lines.append(half_width(addressee, rng, half_p) if half_p else addressee)
    if blank_between:
        body_lines.append("")
    n_dups = rng.choice([0, 1, 1, 2])
    dup_targets = set(rng.sample(range(len(parts["paragraphs"])), min(n_dups, len(parts["paragraphs"]))))
    for idx, par in enumerate(parts["paragraphs"]):
        if idx in dup_targets:
            par, run = plant_duplicate(par, rng)
            if run:
                truth.planted.append(run)
        if digit_p:
            par = space_digits(par, rng, digit_p)
        if half_p:
            par = half_width(par, rng, half_p)
        if glyphs:
            par = par.replace("，", "ꎬ").replace("。", "ꎮ")
        if fullwidth:
            par = par.translate(FULLWIDTH)
        pieces = wrap(par, width)
        if len(pieces) > 1 and rng.random() < 0.1 and not re.search(r"[0-9０-９.]", pieces[0]):
            arts.append("letter-spaced-line")
            pieces[0] = letter_space(pieces[0])
        for piece in pieces:
            body_lines.append(piece)
            if blank_between:
                body_lines.append("")
    if truth.planted:
        arts.append("repeated-runs")

    tail = list(parts["tail"])
    if digit_p:
        tail[1] = space_digits(tail[1], rng, 1.0)
        arts.append("date-spacing")
    body_lines.extend(["", tail[0], tail[1], "", tail[2], "", tail[3]])

    # Pages: a page number every ~22 text lines; the next page's first line may start with a space.
    all_lines = lines + body_lines
    out: list[str] = []
    style = rng.choice(DASHES)
    per_page = rng.randint(18, 26)
    page, count = 1, 0
    pending_space = False
    for line in all_lines:
        if pending_space and line.strip():
            line = " " + line
            pending_space = False
        out.append(line)
        if line.strip():
            count += 1
        if count >= per_page and line.strip() and len(out) > 10:
            page_mark = style.format(n=page, fw=str(page).translate(FULLWIDTH))
            out.extend(["", page_mark, ""] if blank_between else [page_mark])
            page += 1
            count = 0
            pending_space = rng.random() < 0.5
    if page > 1:
        arts.append("page-numbers")
    return "\n".join(out).rstrip("\n") + "\n"


def generate(out: Path, docs: int, seed: int) -> list[Truth]:
    out.mkdir(parents=True, exist_ok=True)
    truths = []
    for i in range(docs):
        rng = random.Random(f"{seed}-{i}")
        name = f"{i:04d}"
        clean, truth, parts = make_document(rng, name)
        raw = damage(parts, truth, rng)
        (out / f"{name}.truth.txt").write_text(clean, encoding="utf-8", newline="\n")
        (out / f"{name}.raw.txt").write_text(raw, encoding="utf-8", newline="\n")
        (out / f"{name}.json").write_text(
            json.dumps(asdict(truth), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        truths.append(truth)
    return truths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "corpus")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    truths = generate(args.out, args.docs, args.seed)
    size = sum(p.stat().st_size for p in args.out.glob("*.raw.txt"))
    print(f"{len(truths)} documents, {size / 1e6:.2f} MB of damaged text in {args.out}")


if __name__ == "__main__":
    main()
