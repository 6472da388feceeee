"""Pieces of lines for the reflow tests that compare fast line reading with plain definitions."""

from hypothesis import strategies as st

# Pieces of lines that reach every branch: outline numbers, block openings, dates,
# brackets (also across lines), sentence ends, Latin words, hyphens, digits, odd spaces
# and characters that are not simple (measured one by one).
LINE_PIECES = [
    "课后服务是学校教育的延伸",
    "是促进学生全面发展",
    "的民生工程",
    "，",
    "。",
    "：",
    "；",
    "、",
    "（",
    "）",
    "(",
    ")",
    "[",
    "]",
    "【",
    "】",
    "〔",
    "〕",
    "［",
    "］",
    "《",
    "》",
    "“",
    "”",
    "—",
    "…",
    "①",
    "ＡＢ",
    "１２",
    "2025",
    "12",
    "3.5%",
    "+1",
    "Latin text",
    "word-",
    "·",
    "é",
    "\u3000",
    " ",
    "\t",
    "\x0b",
    "\U00020000",
    "一、",
    "（一）",
    "(2)",
    "1.",
    "第三条",
    "附件",
    "抄送：",
    "各区、县（市）人民政府：",
    "湘教发〔2022〕7号",
    "关于加强课后服务的通知",
    "2024年3月1日",
    "二〇二四年三月一日",
    "印发",
    "对",
    "月",
    # Plain ones besides.
    "课后服务",
    "word",
    "  ",
    "\u2003",
]


# Texts of 2-14 such lines and how they are separated (hard wrap, blank lines, a space
# line, CRLF): ``@given(*LINES_AND_SEPARATOR)``.
LINES_AND_SEPARATOR = (
    st.lists(st.lists(st.sampled_from(LINE_PIECES), max_size=10).map("".join), min_size=2, max_size=14),
    st.sampled_from(["\n", "\n\n", "\n \n", "\r\n"]),
)
