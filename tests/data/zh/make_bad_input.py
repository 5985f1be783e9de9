#!/usr/bin/env python3
"""Writes the purpose-made bad-input fixtures of this folder (python3 make_bad_input.py here).

The sentences are from the Foreign Ministry's Chinese press conference of 2020-07-03
(fmprc.gov.cn, t1794584.shtml in the shared corpus's mfa-zh-html); the layouts are made up
around the Foreign Ministry's own (ideographic indentation, <P> paragraphs, <title>)."""

QUESTION = "日前，老挝外交部发表声明，表示老方祝贺并坚定支持中方通过香港维护国家安全法。中方对此有何评论？"
ANSWER = ("中方高度赞赏老方和越方坚定支持中方通过和实施《中华人民共和国香港特别行政区维护国家安全法》。"
          "这说明公道自在人心，少数西方国家借此抹黑中国的企图不会得逞。")
QUESTION2 = "近日，日本导演竹内亮拍摄的纪录片《好久不见，武汉！》在中日两国引发热议。请问中方对此有何评论？"
ANSWER2 = "我们注意到有关报道。武汉人民展现出的坚韧和乐观令人感动，我们欢迎更多外国朋友到中国走走看看。"
TITLE = "2020年7月3日外交部发言人赵立坚主持例行记者会"


def page(title, paragraphs, meta=""):
    body = "\n".join(f"<P>\u3000\u3000{p}</P>" for p in paragraphs)
    return (f"<html><head>{meta}<title>{title} — 中华人民共和国外交部</title></head>\n<body>\n"
            f"<div id=\"News_Body_Title\">{title}</div>\n"
            f"<span id=\"News_Body_Time\">2020-07-03</span>\n"
            f"<div id=\"News_Body_Txt_A\" class=\"content\">\n{body}\n</div></body></html>\n")


QA = [f"问：{QUESTION}", f"答：{ANSWER}", f"问：{QUESTION2}", f"答：{ANSWER2}"]

files = {
    # GBK bytes declared as gb2312 (what the Foreign Ministry's older pages declare).
    "bad_gbk_declared.html": (page(TITLE, QA, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
                              "gbk"),
    # The same bytes with no declaration: the charset must be detected.
    "bad_gbk_undeclared.html": (page(TITLE, QA), "gbk"),
    # A Chinese page with an English turn: a foreign reporter's question kept in English.
    "bad_mixed_languages.html": (page(TITLE, [
        f"问：{QUESTION}", f"答：{ANSWER}",
        "Reuters: The US has announced new visa restrictions on Chinese officials. What is China's response?",
        "赵立坚：美方的做法严重干涉中国内政，中方对此坚决反对。"]), "utf-8"),
    # Labels with ASCII colons, as a hand-typed repost writes them.
    "bad_ascii_colons.html": (page(TITLE, [
        f"问:{QUESTION}", f"答: {ANSWER}", f"路透社记者:{QUESTION2}", f"赵立坚:{ANSWER2}"]), "utf-8"),
    # 问/答 only, and a title that names no spokesperson: nobody to give the answers to.
    "bad_no_spokesperson.html": (page("外交部发言人答记者问", QA), "utf-8"),
}

for name, (text, encoding) in files.items():
    with open(name, "wb") as f:
        f.write(text.encode(encoding))
