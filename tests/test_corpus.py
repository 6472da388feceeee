from __future__ import annotations

import json
import random
import shutil

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from conftest import SAMPLES
from docclean import clean_text, corpus
from docclean.changes import Change, rebuild
from docclean.cli import main
from docclean.corpus import components, find_shared, similar_pairs, sketch, stop_shingles

ALPHABET = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反"

HUAIAN = sorted((SAMPLES / "realdocs").glob("huaian_*.txt"))
PAIR = [SAMPLES / "000_772ac8664c6b7ae7.txt", SAMPLES / "001_cf32397d32a01fa2.txt"]


def paragraphs(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = ["".join(rng.choice(ALPHABET) for _ in range(rng.choice((2, 2, 3, 4)))) for _ in range(400)]
    out = []
    for _ in range(n):
        text = "".join(rng.choices(words, weights=[1 / (r + 1) for r in range(400)], k=40))[:100]
        out.append(text + "。")
    return out


def noisy(text: str, rate: float, rng: random.Random) -> str:
    out = []
    for ch in text:
        r = rng.random()
        if r < rate * 0.6:
            out.append(rng.choice(ALPHABET))
        elif r < rate * 0.8:
            continue
        elif r < rate:
            out.extend((ch, rng.choice(ALPHABET)))
        else:
            out.append(ch)
    return "".join(out)


def test_planted_near_duplicates_are_found_and_nothing_else() -> None:
    rng = random.Random(3)
    paras = paragraphs(3000, 11)
    planted: set[tuple[int, int]] = set()
    positions = rng.sample(range(3000), 120)
    for orig, copy in zip(positions[::2], positions[1::2], strict=True):
        paras[copy] = noisy(paras[orig], rng.uniform(0, 0.05), rng)
        if fuzz.ratio(paras[orig], paras[copy]) >= 90:
            planted.add((min(orig, copy), max(orig, copy)))
    edges = similar_pairs(paras, 90, workers=1)
    found = {(a, b) for a, b, _ in edges}
    assert planted <= found
    assert all(fuzz.ratio(paras[a], paras[b]) >= 90 for a, b in found)
    assert len(planted) >= 50


def test_worker_processes_find_the_same_pairs(monkeypatch) -> None:
    rng = random.Random(5)
    paras = paragraphs(3000, 13)
    for orig, copy in zip(range(0, 200, 2), range(1000, 1100), strict=False):
        paras[copy] = noisy(paras[orig], rng.uniform(0, 0.05), rng)
    alone = sorted(similar_pairs(paras, 90, workers=1))
    monkeypatch.setattr(corpus, "PARALLEL_MIN", 100)
    monkeypatch.setattr(corpus, "CHUNK", 400)
    assert sorted(similar_pairs(paras, 90, workers=2)) == alone
    assert len(alone) >= 90


def test_a_shared_stock_phrase_does_not_chain_blocks_into_a_cluster() -> None:
    # Every block starts with the same long formula and ends differently: sketch
    # values collide all over the place, but no pair survives verification.
    tails = paragraphs(200, 5)
    blocks = ["按照国家和省有关规定执行，各地各有关部门要切实加强组织领导，" + t[:60] for t in tails]
    edges = similar_pairs(blocks, 90, workers=1)
    assert components(len(blocks), edges) == []


def test_identical_blocks_always_cluster_and_groups_exclude_their_own_pairs() -> None:
    blocks = [
        "建立职业院校质量年度报告发布制度，定期发布职业院校质量年度报告，接受社会监督。"
    ] * 3 + paragraphs(5, 2)
    assert components(len(blocks), similar_pairs(blocks, 90, workers=1)) == [[0, 1, 2]]
    near = [blocks[0], blocks[0].replace("发布制度", "制度"), *paragraphs(5, 2)]
    assert [(a, b) for a, b, _ in similar_pairs(near, 90, workers=1)] == [(0, 1)]
    assert similar_pairs(near, 90, workers=1, groups=[0, 0, 1, 2, 3, 4, 5]) == []


def test_sketch_is_deterministic_and_skips_stop_shingles() -> None:
    text = "各地各有关部门要清理对技术技能人才的歧视性政策，营造技术技能人才脱颖而出的良好环境。"
    first = sketch(text, 5, 6)
    assert first == sketch(text, 5, 6) and len(first) == 6 and first == sorted(first)
    assert set(sketch(text, 5, 6, frozenset(first[:2]))).isdisjoint(first[:2])
    common = ["进一步加强组织领导" + p[:40] for p in paragraphs(400, 9)]
    stop = stop_shingles(common, 5, 6, 16)
    assert stop and all(v not in stop for v in sketch(paragraphs(1, 77)[0], 5, 6))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(alphabet="建立制度报告发布监督评估，。", min_size=0, max_size=30), max_size=25))
def test_every_reported_pair_is_verified(keys: list[str]) -> None:
    for a, b, score in similar_pairs(keys, 90, workers=1):
        assert a < b
        assert score == fuzz.ratio(keys[a], keys[b]) >= 90


def cleaned(paths) -> tuple[list[str], list[str]]:
    names = [p.name for p in paths]
    return names, [clean_text(p.read_text(encoding="utf-8")).text for p in paths]


def test_samples_000_and_001_share_the_chuyi_passages() -> None:
    names, texts = cleaned(PAIR)
    report = find_shared(names, texts, workers=1)
    data = report.as_dict()
    assert data["clusters"], "the shared 楚怡 passages must come out as clusters"
    docs_of = [{m["document"] for m in c["members"]} for c in data["clusters"]]
    assert all(d == set(names) for d in docs_of)
    chuyi = [c for c in data["clusters"] if "“楚怡”职业教育品牌效应" in c["members"][0]["text"]]
    assert len(chuyi) == 1
    kept, copy = chuyi[0]["members"]
    assert kept["document"] == names[0] and copy["similarity"] >= 95
    # The run spans several sentences, short headings between them included.
    assert copy["end_line"] > copy["line"]
    variants = [m.get("variants") for c in data["clusters"] for m in c["members"][1:]]
    assert [["歧视", "限制"]] in variants
    for entry in data["documents"]:
        assert 0.1 < entry["shared_share"] < 0.6
    # Each member's text is the cleaned text at its offsets.
    for c in report.clusters:
        for m in c.members:
            assert texts[m.doc][m.start : m.end].strip() == texts[m.doc][m.start : m.end]


def test_huaian_annual_reports_share_boilerplate_but_not_their_figures() -> None:
    names, texts = cleaned(HUAIAN)
    report = find_shared(names, texts, workers=1)
    shared = ["".join(texts[m.doc][m.start : m.end].split()) for c in report.clusters for m in c.members]
    assert any("主要通过政府门户网站主动公开政府文件" in s for s in shared)
    # The 2023 and 2024 sentences on fees differ only in the year: reported, never removable.
    fees = [
        c
        for c in report.clusters
        if "信息处理费" in texts[c.members[0].doc][c.members[0].start : c.members[0].end]
    ]
    assert fees and not fees[0].members[1].removable


def test_unrelated_documents_give_no_cluster() -> None:
    names, texts = cleaned(
        [PAIR[0], SAMPLES / "realdocs" / "sichuan_bangongting_chuanbangui_2025_6_pypdf.txt"]
    )
    assert find_shared(names, texts, workers=1).clusters == []


def test_cli_reports_by_default_and_changes_nothing(tmp_path) -> None:
    for p in PAIR:
        shutil.copy(p, tmp_path / p.name)
    report = tmp_path / "shared.json"
    result = CliRunner().invoke(main, ["dedup", str(tmp_path), "--report", str(report)])
    assert result.exit_code == 0, result.stderr
    assert "cluster 1:" in result.stdout and "歧视/限制" in result.stdout
    assert "of its text found in other documents" in result.stdout
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["clusters"]) >= 2 and "removed" not in data["documents"][0]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*(p.name for p in PAIR), "shared.json"])


def test_cli_remove_shared_removes_later_copies_reversibly(tmp_path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in PAIR:
        shutil.copy(p, src / p.name)
    out = tmp_path / "out"
    report = tmp_path / "shared.json"
    args = ["dedup", str(src), "--remove-shared", "--out", str(out), "--report", str(report)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    first, second = data["documents"]
    assert first["removed"] == [] and len(second["removed"]) >= 2
    assert all(c["stage"] == "corpus" and c["after"] == "" for c in second["removed"])
    kept_text = (out / PAIR[0].name).read_text(encoding="utf-8")
    later = (out / PAIR[1].name).read_text(encoding="utf-8")
    assert "“楚怡”职业教育品牌效应" in kept_text
    assert "“楚怡”职业教育品牌效应" not in later
    assert kept_text == clean_text(PAIR[0].read_text(encoding="utf-8")).text
    for entry, path in zip(data["documents"], PAIR, strict=True):
        changes = [Change.from_dict(c) for c in entry["changes"]]
        assert rebuild((out / path.name).read_text(encoding="utf-8"), changes) == path.read_text(
            encoding="utf-8"
        )


def test_cli_says_when_nothing_is_shared(tmp_path) -> None:
    shutil.copy(PAIR[0], tmp_path / PAIR[0].name)
    result = CliRunner().invoke(main, ["dedup", str(tmp_path)])
    assert result.exit_code == 0
    assert "no block recurs" in result.stdout and "0.0% of its text" in result.stdout


def test_cli_remove_shared_needs_out(tmp_path) -> None:
    shutil.copy(PAIR[0], tmp_path / PAIR[0].name)
    result = CliRunner().invoke(main, ["dedup", str(tmp_path), "--remove-shared"])
    assert result.exit_code == 2
    assert "--out" in result.stderr


def test_cli_missing_input_fails_but_reports_the_rest(tmp_path) -> None:
    shutil.copy(PAIR[0], tmp_path / PAIR[0].name)
    shutil.copy(PAIR[1], tmp_path / PAIR[1].name)
    result = CliRunner().invoke(main, ["dedup", str(tmp_path), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "missing.txt" in result.stderr and "cluster 1:" in result.stdout
