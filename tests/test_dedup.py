from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from conftest import REALDOCS, read_sample
from docclean import clean_text
from docclean.changes import rebuild
from docclean.options import Options
from docclean.pipeline import Context
from docclean.sentences import split_sentences
from docclean.stages import dedup as dedup_stage
from docclean.stages.dedup import remove_repeats

# Sentences in the style of the circulars, all different from one another.
S = [
    "建立以政府为主导、行业企业参与、社会广泛参与的职业教育质量评价制度，形成科学合理的评价体系。",
    "健全校企合作制度，建立行业企业参与学校管理的机制，鼓励企业通过冠名、捐赠、设立奖学金等方式支持学校发展。",
    "鼓励职业院校与行业企业联合培养人才，探索工学结合、知行合一的培养模式，提高人才培养质量。",
    "各县市区重点办好一所以上公办中等职业学校，全省遴选建设一批优秀中职学校，并统一命名、统一标识、统一风格。",
    "以拍摄纪录片、微电影、短视频等形式弘扬职业教育精神，发掘并培育一批新时代职业教育精神传承人。",
    "加强宣传引导，将技术技能人才先进典型纳入政府网站、新闻媒体等宣传报道范围，分年度对实施情况进行考核督导。",
    "课后服务是学校教育的延伸，是解决人民群众急难愁盼问题的民生工程，是促进学生全面发展、健康成长的有力举措。",
    "各地要统筹安排课后服务时间，课后服务结束时间原则上不早于当地正常下班时间，并做好学生离校安全管理。",
]
NOISE_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


def noisy(text: str, rate: float, rng: random.Random) -> str:
    """OCR-like damage: substitutions and deletions of Chinese characters (never punctuation)."""
    out = []
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" and rng.random() < rate:
            if rng.random() < 0.7:
                out.append(rng.choice(NOISE_CHARS))
            continue
        out.append(ch)
    return "".join(out)


def dedup(text: str, **kwargs) -> tuple[str, list, Context]:
    """Run the dedup stage alone, as the pipeline would, and return text, changes, context."""
    result = clean_text(text, stages=("dedup",), **kwargs)
    assert rebuild(result.text, result.changes) == text
    return result.text, result.changes, result


def squash(text: str) -> str:
    return "".join(text.split())


def wrap(text: str, width: int = 27) -> str:
    """Hard-wrap like a scan: every ``width`` characters, a blank line between lines."""
    lines = []
    for para in text.split("\n"):
        lines.extend(para[i : i + width] for i in range(0, len(para), width))
    return "\n\n".join(lines)


# --- the two sample cases, through the full default pipeline --------------------


def sentence_count(text: str) -> int:
    return len(split_sentences(text, wrapped=True))


def test_sample_000_drops_the_truncated_repeat_and_keeps_the_first_full_copy() -> None:
    raw = read_sample("000_772ac8664c6b7ae7.txt")
    result = clean_text(raw)
    assert rebuild(result.text, result.changes) == raw
    repeats = [c for c in result.changes if c.stage == "dedup"]
    assert len(repeats) == 1
    (change,) = repeats
    flat = squash(result.text)
    # Three sentences repeated, the third cut off after 限期: one copy of each stays.
    for head in ("建立职业院校质量年度报告", "建立职业院校质量监督评估制度", "建立职业院校质量监测制度"):
        assert squash(raw).count(head) == 2
        assert flat.count(head) == 1
    assert "建立职业院校质量年度报告发布制度" in flat  # the full first copy is the one kept
    assert "追究有关责任人的责任。(三)完善政策环境" in flat.replace("（", "(").replace("）", ")")
    before_units = sentence_count(raw)
    assert sentence_count(result.text) == before_units - 3
    assert change.detail["truncated"] is True
    assert change.detail["variants"] == [["发布", ""]]
    assert change.detail["similarity"] >= 97
    assert change.detail["sentences"] == 3
    assert squash(change.before).endswith("要依法依规处理，限期")
    assert change.reason.startswith("repeated block, ")
    flags = [
        (f.code, f.detail["found"])
        for f in result.flags
        if f.stage == "dedup" and f.code == "outline-sequence"
    ]
    assert len(flags) == 1 and flags[0][1] in ("(三)", "（三）")


def test_sample_001_drops_renumbered_items_eleven_to_thirteen() -> None:
    raw = read_sample("001_cf32397d32a01fa2.txt")
    result = clean_text(raw)
    assert rebuild(result.text, result.changes) == raw
    repeats = [c for c in result.changes if c.stage == "dedup"]
    assert len(repeats) == 2
    flat = squash(result.text)
    assert flat.count("本通知由省教育厅负责解释") == 1
    assert flat.count("本通知未尽事宜") == 1
    for gone in ("十一、", "十二、", "十三、"):
        assert gone not in flat
    assert "九、本通知由省教育厅负责解释" in flat and "十、本通知未尽事宜" in flat
    assert sentence_count(result.text) == sentence_count(raw) - 3
    assert [c.detail["renumbered"] for c in repeats] == [["九、", "十一、"], ["九、", "十三、"]]
    codes = {f.code for f in result.flags if f.stage == "dedup"}
    assert {"outline-repeat", "outline-sequence"} <= codes


@pytest.mark.parametrize("path", REALDOCS, ids=lambda p: p.name)
def test_nothing_removed_from_real_documents(path) -> None:
    raw = path.read_text(encoding="utf-8")
    _, changes, _ = dedup(raw)
    assert changes == []
    result = clean_text(raw)
    assert [c for c in result.changes if c.stage == "dedup"] == []


def test_nothing_removed_from_sample_004() -> None:
    raw = read_sample("004_facce0d9e3ea077f.txt")
    _, changes, _ = dedup(raw)
    assert changes == []
    result = clean_text(raw)
    assert [c for c in result.changes if c.stage == "dedup"] == []


def test_samples_work_without_reflow() -> None:
    raw = read_sample("000_772ac8664c6b7ae7.txt")
    text, changes, _ = dedup(raw)
    assert len(changes) == 1
    assert squash(text).count("建立职业院校质量监测制度") == 1


# --- fixtures --------------------------------------------------------------------


@pytest.mark.parametrize("rate", [0.0, 0.01, 0.02, 0.03, 0.04, 0.05])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_noisy_repeat_of_a_sentence_run_is_removed(rate: float, seed: int) -> None:
    rng = random.Random(seed)
    copy = noisy(S[1] + S[2] + S[3], rate, rng)
    text = "\n".join([S[0] + S[1] + S[2] + S[3], S[4], copy, S[5]]) + "\n"
    out, changes, _ = dedup(text)
    assert len(changes) == 1
    expected = "\n".join([S[0] + S[1] + S[2] + S[3], S[4], S[5]]) + "\n"
    if out != expected:
        # The run's last sentence may have taken so much noise that it is no longer
        # evidence by itself (below the threshold): it stays, everything before it goes.
        left = out.split("\n")[2]
        original = S[3]
        assert fuzz.ratio(left, original) < 90
        assert out == "\n".join([S[0] + S[1] + S[2] + S[3], S[4], left, S[5]]) + "\n"
    detail = changes[0].detail
    kept = detail["kept"]
    assert kept["start"] == len(S[0]) and text[kept["start"] :].startswith(S[1])  # the first copy stays
    if rate == 0:
        assert detail["similarity"] == 100 and detail["variants"] == []


def test_truncated_copy_is_removed_with_its_tail_and_the_rest_of_the_line_stays() -> None:
    cut = S[3][: len(S[3]) // 2]
    text = f"{S[0]}{S[1]}{S[2]}{S[3]}\n{S[4]}{S[1]}{S[2]}{cut}\n{S[5]}\n"
    out, changes, _ = dedup(text)
    assert out == f"{S[0]}{S[1]}{S[2]}{S[3]}\n{S[4]}\n{S[5]}\n"
    assert changes[0].detail["truncated"] is True


def test_truncated_tail_stops_at_the_line_where_the_copy_breaks_off() -> None:
    # Without reflow the cut-off copy runs into the next paragraph's first sentence.
    cut = S[3][:20]
    text = wrap(f"{S[1]}{S[2]}{S[3]}") + "\n\n" + wrap(f"{S[1]}{S[2]}{cut}") + "\n\n" + wrap(S[6])
    out, changes, _ = dedup(text)
    assert len(changes) == 1
    assert squash(out) == squash(S[1] + S[2] + S[3] + S[6])


def test_repeat_across_paragraph_boundaries_is_removed() -> None:
    text = f"{S[0]}{S[1]}\n{S[2]}{S[3]}\n{S[4]}{S[1]}\n{S[2]}{S[5]}\n"
    out, changes, _ = dedup(text)
    assert len(changes) == 1
    assert squash(out) == squash(S[0] + S[1] + S[2] + S[3] + S[4] + S[5])


@pytest.mark.parametrize("hard_wrapped", [False, True])
def test_same_result_with_or_without_reflow(hard_wrapped: bool) -> None:
    body = f"{S[0]}{S[1]}{S[2]}\n{S[6]}\n{S[1]}{S[2]}\n{S[7]}"
    text = wrap(body) if hard_wrapped else body
    out, changes, _ = dedup(text)
    assert len(changes) == 1
    assert squash(out) == squash(S[0] + S[1] + S[2] + S[6] + S[7])


def test_renumbered_items_are_removed_and_flagged() -> None:
    text = "\n".join(
        [
            "五、" + S[6],
            "六、本通知未尽事宜，按照国家和省有关规定执行。",
            "七、" + S[6],
            "八、本通知未尽事宜，按照国家和省有关规定执行。",
            "九、" + S[7],
        ]
    )
    out, changes, result = dedup(text)
    assert out == "\n".join(["五、" + S[6], "六、本通知未尽事宜，按照国家和省有关规定执行。", "九、" + S[7]])
    assert changes[0].detail["renumbered"] == ["五、", "七、"]
    assert changes[0].reason == f"repeated block, 100% like the earlier “五、{S[6][:8]}…”"
    codes = [f.code for f in result.flags]
    assert "outline-repeat" in codes


@pytest.mark.parametrize(
    "text",
    [
        # Short formulas recur legitimately.
        f"{S[0]}\n特此通知。\n{S[1]}\n特此通知。\n",
        # Parallel items share their shape, not their words.
        "（一）加强组织领导。\n（二）加强经费保障。\n（三）加强督促检查。\n（四）加强组织领导。\n",
        # Two different sentences sharing a long phrase.
        "各地各有关部门要清理对技术技能人才的歧视性政策，营造技术技能人才脱颖而出的良好环境。\n"
        "各地各有关部门要加大对技术技能人才的奖励力度，营造技术技能人才脱颖而出的良好环境。\n",
        # Parallel sentences that swap one word throughout (监督评估 / 监测).
        "建立职业院校质量监督评估制度，定期对职业院校进行质量评估，对评估结果进行通报，对评估结果较差的职业院校，要依法依规处理。"
        "建立职业院校质量监测制度，定期对职业院校进行质量监测，对监测结果进行通报，对监测结果较差的职业院校，要依法依规处理。\n",
        # Same rule with different amounts: two rules, not two scans.
        "对年度研发投入额1亿元以上的企业，直接给予200万元补助，所需资金由市区两级财政按现行体制分担。\n"
        "对年度研发投入额5亿元以上的企业，直接给予300万元补助，所需资金由市区两级财政按现行体制分担。\n",
        # Responsibility notes recur after each item.
        f"（一）{S[0]}[市体育局、市教育局，各区、县（市）政府，市足协]\n（二）{S[1]}[市体育局、市教育局，各区、县（市）政府，市足协]\n",
        # A single sentence recurring inside running text is a formula, not a scan error.
        f"{S[0]}{S[2]}{S[1]}\n{S[3]}{S[2]}{S[4]}\n",
        # Flattened tables repeat columns of figures: layout, not text.
        "行政许可\n"
        + "\n".join("0" * 1 for _ in range(30))
        + "\n行政处罚\n"
        + "\n".join("0" for _ in range(30))
        + "\n",
    ],
    ids=[
        "formula",
        "parallel-items",
        "shared-phrase",
        "swapped-word",
        "numbers",
        "notes",
        "in-running-text",
        "table-figures",
    ],
)
def test_near_misses_stay(text: str) -> None:
    out, changes, _ = dedup(text)
    assert changes == []
    assert out == text


def test_a_sentence_printed_twice_in_a_row_is_a_stutter_even_in_running_text() -> None:
    text = f"{S[0]}{S[2]}{noisy(S[2], 0.02, random.Random(4))}{S[1]}\n"
    out, changes, _ = dedup(text)
    assert out == f"{S[0]}{S[2]}{S[1]}\n" and len(changes) == 1
    # Digits count as evidence inside a sentence: 20 Chinese characters and a date.
    due = "请各市州于2024年10月12日前报送部门协同联动机制情况；"
    assert dedup(f"{S[0]}{due}{due}{S[1]}\n")[0] == f"{S[0]}{due}{S[1]}\n"


def test_a_stutter_takes_its_bare_outline_number_along() -> None:
    due = "请各学校于2026年4月6日前报送专业人才队伍建设情况；"
    text = f"二、主要任务\n（一）{due}（一）\n{due}逾期未报送的，予以通报。\n"
    out, changes, _ = dedup(text)
    assert out == f"二、主要任务\n（一）{due}逾期未报送的，予以通报。\n"
    assert changes[0].before == f"（一）\n{due}"


@pytest.mark.parametrize(
    "text",
    [
        # Two sentences in a row that differ by one word are parallel, not a stutter.
        "各级教育行政部门要安排专项资金800亿元，用于落实政策宣传解读。"
        "各级教育行政部门要安排专项资金800亿元，用于提升政策宣传解读。\n",
        # A short run at a distance whose second sentence swaps a word (生成的模板文本).
        "请各市州于2024年10月12日前报送部门协同联动机制情况；逾期未报送的，予以通报。"
        "各级教育行政部门要安排专项资金800亿元，用于落实政策宣传解读。\n"
        f"{S[0]}\n"
        "请牵头单位于2026年12月23日前报送部门协同联动机制情况；逾期未报送的，予以通报。"
        "各级教育行政部门要安排专项资金800亿元，用于提升政策宣传解读。\n",
    ],
    ids=["adjacent-word-swap", "short-run-word-swap"],
)
def test_a_swapped_word_needs_more_evidence(text: str) -> None:
    assert dedup(text)[1] == []


def test_a_digit_misread_as_a_character_is_noise_but_a_changed_number_is_not() -> None:
    base = "对年度研发投入额1亿元以上的企业，直接给予200万元补助，所需资金由市区两级财政按现行体制分担。"
    misread = base.replace("200", "2O0")
    assert len(dedup(f"{base}\n{S[0]}\n{misread}\n")[1]) == 1
    changed = base.replace("200", "300")
    assert dedup(f"{base}\n{S[0]}\n{changed}\n")[1] == []
    dropped = base.replace("200", "20")
    assert dedup(f"{base}\n{S[0]}\n{dropped}\n")[1] == []


def test_threshold_and_min_chars_options() -> None:
    rng = random.Random(7)
    copy = noisy(S[1] + S[2], 0.05, rng)
    text = f"{S[1]}{S[2]}\n{S[0]}\n{copy}\n"
    assert len(dedup(text)[1]) == 1
    assert dedup(text, dedup_threshold=100)[1] == []
    assert dedup(text, dedup_min_chars=500)[1] == []


def test_keep_longest_removes_the_less_complete_earlier_copy() -> None:
    damaged = S[2].replace("知行合一", "")
    text = f"{damaged}{S[3]}\n{S[0]}\n{S[2]}{S[3]}\n"
    first, changes, _ = dedup(text)
    assert first == f"{damaged}{S[3]}\n{S[0]}\n"
    assert changes[0].detail["variants"] == [["", "知行合一"]] or changes[0].detail["variants"] == [
        ["知行合一", ""]
    ]
    longest, changes, _ = dedup(text, dedup_keep="longest")
    assert longest == f"{S[0]}\n{S[2]}{S[3]}\n"


def test_edit_detail_is_json_ready_and_names_the_kept_block() -> None:
    text = f"{S[0]}\n{S[1]}{S[2]}\n{S[3]}\n{S[1]}{S[2].replace('培养', '培差')}\n"
    _, changes, _ = dedup(text)
    detail = changes[0].detail
    assert detail["kept"]["start"] == text.index(S[1])
    assert detail["kept"]["end"] == text.index(S[3]) - 1
    assert ["养", "差"] in detail["variants"]
    # No line numbers in the reason: the stage's lines are not the raw file's.
    assert changes[0].reason.endswith(f"like the earlier “{S[1][:10]}…”")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=len(S) - 1), min_size=1, max_size=10), st.booleans())
def test_dedup_is_idempotent_and_reversible(order: list[int], wrapped: bool) -> None:
    text = "\n".join(S[i] for i in order)
    if wrapped:
        text = wrap(text)
    once, _, _ = dedup(text)
    ctx = Context(options=Options())
    assert remove_repeats(once, ctx) == []


@pytest.mark.parametrize("name", ["000_772ac8664c6b7ae7.txt", "001_cf32397d32a01fa2.txt"])
def test_long_inputs_use_blocking_and_find_the_same_repeats(name: str, monkeypatch) -> None:
    raw = read_sample(name)
    _, exact, _ = dedup(raw)
    monkeypatch.setattr(dedup_stage, "EXACT_UNITS", 0)
    _, blocked, _ = dedup(raw)
    assert [(c.start, c.end, c.detail["kept"]) for c in blocked] == [
        (c.start, c.end, c.detail["kept"]) for c in exact
    ]
    assert exact


def test_many_copies_of_a_document_in_one_file_keep_one() -> None:
    # A batch concatenated into one file: every later copy repeats the first.
    body = "\n".join(S)
    text = "\n\n".join([body] * 30)
    out, changes, _ = dedup(text)
    assert squash(out) == squash(body)
    assert all(c.detail["kept"]["start"] == 0 for c in changes)


PIECES = [
    "建立职业院校质量年度报告发布制度，",
    "定期发布职业院校质量年度报告，",
    "接受社会监督。",
    "对评估结果进行通报，",
    "十一、",
    "（三）",
    "1.",
    "\n",
    "\n\n",
    "特此通知。",
    "[市体育局，各区政府]",
    "0\n",
    "限期",
    "。",
    "2.5%",
]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_any_mix_of_fragments_is_reversible_and_idempotent(parts: list[str]) -> None:
    text = "".join(parts)
    once, _, _ = dedup(text)
    assert remove_repeats(once, Context(options=Options())) == []


# --- a block printed three times or more ----------------------------------------


def dedup_changes(result) -> list:
    return [c for c in result.changes if c.stage == "dedup"]


@pytest.mark.parametrize("copies", [3, 4, 5])
def test_a_sentence_printed_n_times_in_a_row_keeps_the_first_copy_in_one_pass(copies: int) -> None:
    sentence = "各地要切实加强组织领导，把课后服务工作摆上重要议事日程。"
    text = sentence * copies + "\n"
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert result.text == sentence + "\n"
    changes = dedup_changes(result)
    assert len(changes) == copies - 1
    spans = sorted((c.start, c.end) for c in changes)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    for change in changes:
        # Every copy names the block kept, the first one.
        assert change.detail["kept"]["start"] == 0 and change.detail["kept"]["end"] == len(sentence)
        assert change.reason == f"repeated block, 100% like the earlier “{sentence[:10]}…”"
    again = clean_text(result.text)
    assert again.text == result.text and again.changes == []


@pytest.mark.parametrize("copies", [3, 4])
def test_a_sentence_printed_n_times_between_other_text_keeps_one(copies: int) -> None:
    rng = random.Random(copies)
    text = S[0] + S[2] + "".join(noisy(S[2], 0.02, rng) for _ in range(copies - 1)) + S[1] + "\n"
    out, changes, _ = dedup(text)
    assert out == f"{S[0]}{S[2]}{S[1]}\n"
    assert len(changes) == copies - 1
    assert all(c.detail["kept"]["start"] == len(S[0]) for c in changes)
    assert remove_repeats(out, Context(options=Options())) == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
@pytest.mark.parametrize("sep", ["", "\n"])
def test_a_two_sentence_run_printed_three_times_with_noise_keeps_one(seed: int, sep: str) -> None:
    rng = random.Random(seed)
    run = S[1] + S[2]
    copies = [run, noisy(run, 0.02, rng), noisy(run, 0.02, rng)]
    text = S[0] + sep + sep.join(copies) + sep + S[6] + "\n"
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert squash(result.text) == squash(S[0] + run + S[6])
    changes = dedup_changes(result)
    assert len(changes) == 2
    kept = {(c.detail["kept"]["start"], c.detail["kept"]["end"]) for c in changes}
    assert len(kept) == 1  # both copies name the first one
    again = clean_text(result.text)
    assert again.text == result.text and dedup_changes(again) == []


def test_three_sentences_repeated_three_times_is_idempotent_and_reversible() -> None:
    rng = random.Random(11)
    run = S[3] + S[4] + S[5]
    text = "\n".join([S[0], run, noisy(run, 0.01, rng), noisy(run, 0.01, rng), S[7]]) + "\n"
    result = clean_text(text)
    assert rebuild(result.text, result.changes) == text
    assert squash(result.text) == squash(S[0] + run + S[7])
    assert len(dedup_changes(result)) == 2
    assert clean_text(result.text).changes == []
