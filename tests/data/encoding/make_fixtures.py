#!/usr/bin/env python3
"""Writes the charset fixtures of source_file_test.cpp into this folder. Run it from here."""

ZH = [
    "赵立坚：中方高度赞赏老方和越方坚定支持中方通过和实施《中华人民共和国香港特别行政区维护国家安全法》。",
    "这里我要补充说明一下，继6月30日古巴代表53个国家在人权理事会做共同发言，欢迎中国通过相关立法后，20多个国家代表在人权理事会单独发言。",
    "《北京青年报》记者：近日，生活在中国南京的日本导演竹内亮拍摄的纪录片《好久不见，武汉！》在中日两国引发热议。",
    "赵立坚：谢谢你关注这部纪录片。这部纪录片在中日两国引发了积极反响。",
]


def page(title, paragraphs, head=""):
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html>\n<head>\n{head}<title>{title}</title>\n</head>\n<body>\n<div id=\"News_Body_Txt_A\">\n{body}\n</div>\n</body>\n</html>\n"


def write(name, data):
    with open(name, "wb") as f:
        f.write(data)


# GBK bytes declared as GB2312; 镕 exists in GBK but not in GB2312, as on real pages.
write("gbk_meta_gb2312.html", page("朱镕基总理记者会", ZH,
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n').encode("gbk"))
# GBK with no declaration at all: the charset must be detected.
write("gbk_undeclared.html", page("外交部发言人赵立坚主持例行记者会", ZH).encode("gbk"))
# Windows-1252 bytes (curly quotes) declared ISO-8859-1, which browsers read as windows-1252.
write("cp1252_declared_latin1.html", page("Caf\u00e9 press briefing", [
    "\u201cOur position is very clear,\u201d the spokesperson\u2019s caf\u00e9 remark \u2013 said Mr. Le Drian.",
    "Na\u00efve r\u00e9sum\u00e9s are \u00a35 each."],
    '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">\n').encode("cp1252"))
# UTF-16LE with a byte order mark.
write("utf16le_bom.html", ("\ufeff" + page("外交部例行记者会", ZH[:2],
      '<meta charset="utf-16">\n')).encode("utf-16-le"))
# UTF-8 with a byte order mark, in the plain text layout.
write("utf8_bom.txt", ("\ufeffSCIO press conference on the marine economy\n\nMay 25, 2015\n\nHu Kaihong:\n\n"
                       "Ladies and gentlemen, good morning. Welcome to this press conference.\n").encode("utf-8"))
# UTF-8 with one stray byte (0xFF) in the middle of a paragraph.
text = ("SCIO press conference on \u201cnew industrialization\u201d\n\nJan. 19, 2024\n\nXing Huina:\n\n"
        "Ladies and gentlemen, good morning. Welcome to Beijing\u2019s press centre.\n\nXin Guobin:\n\n"
        "Output grew by 4.6% \u2014 the caf\u00e9 ").encode("utf-8") + b"\xff" + \
       " sector too. Total: \u00a5 1.8 trillion yuan.\n".encode("utf-8")
write("utf8_one_bad_byte.txt", text)
# Declared GB2312, saved as UTF-8: the bytes win.
write("utf8_declared_gb2312.html", page("外交部例行记者会", ZH[:1],
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n').encode("utf-8"))
# An XML declaration names the charset.
write("gbk_xml_declaration.xml", ('<?xml version="1.0" encoding="GBK"?>\n<conference>\n'
                                  "<title>外交部发言人赵立坚主持例行记者会</title>\n</conference>\n").encode("gbk"))
