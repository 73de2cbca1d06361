"""Text for the browser-made pages: paragraphs, headlines, names, read at run time from text files.

The text files are given on the command line (``--text FILE [FILE*K ...]``, ``*K`` weights a file K times);
nothing of the corpus is stored in the repository. Every draw goes through the ``random.Random`` passed in,
so the same seed gives the same text.
"""
import re

# ASCII punctuation that Chinese print sets full width (a URL or a number keeps its own).
_FULLWIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_NAME = re.compile(r"记者\s*([\u4e00-\u9fff]{2,3})")
_SENTENCE_END = "。！？"
_CLAUSE = re.compile(r"[，。；！？：、]")

# Fallback names when a corpus yields few "记者 XXX" bylines (surname + given name parts).
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏飞斌宇浩凯健俊帆帅旭宁晨阳晓欣雪琳佳颖博宏志新春海波云峰"


def to_fullwidth(s):
    """Set ASCII ``,;:?!()`` full width when a CJK character is next to it (``(`` and ``)`` always)."""
    out = []
    for i, ch in enumerate(s):
        if ch in "()":
            out.append(_FULLWIDTH[ch])
        elif ch in _FULLWIDTH:
            near = s[max(0, i - 1):i] + s[i + 1:i + 2]
            out.append(_FULLWIDTH[ch] if _CJK.search(near) else ch)
        else:
            out.append(ch)
    return "".join(out)


class TextPool:
    """Paragraph and headline source. ``files``: paths, each optionally ``PATH*K`` (weight K)."""

    def __init__(self, files, rng):
        self.rng = rng
        units = []
        for spec in files:
            path, _, rep = spec.partition("*")
            with open(path, encoding="utf-8") as f:
                lines = [to_fullwidth(ln.strip()) for ln in f.read().splitlines()]
            lines = [ln for ln in lines if ln]
            units += lines * (int(rep) if rep else 1)
        if not units:
            raise SystemExit("browserpages: the --text files hold no text")
        names = set()
        self.body, self.heads, self.info, self.titles = [], [], [], []
        for u in units:
            names.update(_NAME.findall(u))
            if re.search(r"出版物号|主管主办", u) and len(u) < 80:
                self.info.append(u)
            elif re.fullmatch(r"详见\d+版", u) or u in ("微信公众号",):
                continue
            elif u.endswith("报") and 3 <= len(u) <= 8:
                self.titles.append(u)
            elif len(u) >= 30 and any(c in u for c in _SENTENCE_END):
                self.body.append(u)
            elif 6 <= len(u) <= 26 and "。" not in u and _CJK.search(u) and not re.search(r"摄$|记者|^（", u):
                self.heads.append(u)
        if not self.body:
            raise SystemExit("browserpages: the --text files hold no paragraph of 30+ characters")
        self.names = sorted(names)
        self._order = []

    # -- paragraphs: shuffled, drawn without replacement until the pool is used up, then reshuffled
    def para(self):
        if not self._order:
            self._order = list(range(len(self.body)))
            self.rng.shuffle(self._order)
        return self.body[self._order.pop()]

    def paras(self, n_chars):
        """Paragraphs totalling at least ``n_chars`` characters."""
        out, n = [], 0
        while n < n_chars:
            p = self.para()
            out.append(p)
            n += len(p)
        return out

    def clause(self, lo=8, hi=22):
        """A clause of a body sentence, ``lo``..``hi`` characters, for headlines and captions."""
        for _ in range(200):
            parts = [c.strip() for c in _CLAUSE.split(self.rng.choice(self.body))]
            parts = [c for c in parts if lo <= len(c) <= hi and _CJK.search(c) and not c[0].isdigit()
                     and not re.search(r"本报|记者|电|（|）|“|”", c)]
            if parts:
                return self.rng.choice(parts)
        return self.rng.choice(self.body)[:hi]

    def headline(self, lo=8, hi=22):
        heads = [h for h in self.heads if lo <= len(h) <= hi]
        if heads and self.rng.random() < 0.35:
            return self.rng.choice(heads)
        return self.clause(lo, hi)

    def name(self):
        if len(self.names) >= 20 and self.rng.random() < 0.7:
            return self.rng.choice(self.names)
        return self.rng.choice(_SURNAMES) + "".join(self.rng.choice(_GIVEN) for _ in range(self.rng.choice((1, 2))))
