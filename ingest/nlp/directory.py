"""Resolving owner mentions ("các cấp uỷ", "Ban cán sự đảng UBND tỉnh") to unit ids."""
from __future__ import annotations

import re
from typing import Iterable

from .text import fold

# Abbreviations expanded on both sides before comparing (folded forms).
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "mttq": "mat tran to quoc",
    "ubmttq": "uy ban mat tran to quoc",
    "bcs": "ban can su",
    "bcsd": "ban can su dang",
    "vptu": "van phong tinh uy",
    "vpubnd": "van phong uy ban nhan dan",
    "tu": "tinh uy",
    "btv": "ban thuong vu",
    "bch": "ban chap hanh",
    "ubkt": "uy ban kiem tra",
    "btc": "ban to chuc",
    "btg": "ban tuyen giao",
    "bdv": "ban dan van",
    "bnc": "ban noi chinh",
    "dbqh": "dai bieu quoc hoi",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "bchqs": "bo chi huy quan su",
    "sxkd": "san xuat kinh doanh",
    "tn&mt": "tai nguyen va moi truong",
    "tnmt": "tai nguyen va moi truong",
    "nn&ptnt": "nong nghiep va phat trien nong thon",
    "nnptnt": "nong nghiep va phat trien nong thon",
    "kh&dt": "ke hoach va dau tu",
    "khdt": "ke hoach va dau tu",
    "kh-cn": "khoa hoc va cong nghe",
    "khcn": "khoa hoc va cong nghe",
    "gd&dt": "giao duc va dao tao",
    "gddt": "giao duc va dao tao",
    "ldtb&xh": "lao dong thuong binh va xa hoi",
    "ldtbxh": "lao dong thuong binh va xa hoi",
    "tt&tt": "thong tin va truyen thong",
    "tttt": "thong tin va truyen thong",
    "vh,tt&dl": "van hoa the thao va du lich",
    "vhttdl": "van hoa the thao va du lich",
}
_LEADING = re.compile(r"^(?:(?:cac|nhung|tung|moi|dong chi|d/c|dc|ca)\s+)+")
_LIST_SEP = re.compile(r"\s*,\s*|\s+và\s+", re.IGNORECASE)
# "UBND các xã, phường có rừng", "… bị ảnh hưởng bởi mưa lũ": a qualified part of a group names the group
_QUALIFIER = re.compile(r"\s+(?:co(?! quan)|bi|ven|khu vuc|lien quan|tren dia ban|duoc|thuoc dien)\b.*$")


def canonical(mention: str) -> str:
    """Folded, abbreviations expanded, leading "các"/"đồng chí" and trailing punctuation dropped."""
    f = fold(mention or "")
    f = re.sub(r"\s*\([^)]*\)", "", f)
    words = []
    for w in re.findall(r"[\w&]+(?:[&\-][\w&]+)*", f):
        words.append(ABBREVIATIONS.get(w, w))
    f = " ".join(words)
    f = _LEADING.sub("", f).strip()
    return f


class UnitDirectory:
    """Resolves owner mentions to unit ids: names/aliases/abbreviations matched after folding."""

    def __init__(self, entries: Iterable[tuple[int, Iterable[str]]]):
        self._exact: dict[str, int | None] = {}
        self._canon: dict[str, int | None] = {}
        for unit_id, names in entries:
            for name in names:
                if not name:
                    continue
                for table, keyf in ((self._exact, fold), (self._canon, canonical)):
                    k = keyf(name)
                    if not k:
                        continue
                    if k in table and table[k] != unit_id:
                        table[k] = None  # ambiguous: two units share it
                    else:
                        table.setdefault(k, unit_id)

    def resolve(self, mention: str) -> int | None:
        if not mention:
            return None
        k = fold(mention).strip(" .,;:")
        if k in self._exact and self._exact[k] is not None:
            return self._exact[k]
        c = canonical(mention)
        if c in self._canon:
            return self._canon[c]
        # "Ban Tổ chức Tỉnh ủy" vs "Ban Tổ chức Tỉnh uỷ (BTC)"… and "UBND tỉnh X" where X is the province name.
        c2 = re.sub(r"\s+(tinh|thanh pho)\s+[a-z ]+$", r" \1", c)
        if c2 != c and c2 in self._canon:
            return self._canon[c2]
        if " cac " in f" {fold(mention)} ":
            c3 = _QUALIFIER.sub("", c)
            if c3 != c and self._canon.get(c3) is not None:
                return self._canon[c3]
        # "các xã, phường": a list whose every item names the same unit (group) names that unit
        parts = [p for p in _LIST_SEP.split(mention) if p.strip()]
        if len(parts) > 1:
            ids = {self.resolve(p) for p in parts}
            if len(ids) == 1:
                return ids.pop()
        return None

    def __len__(self) -> int:
        return len({v for v in self._canon.values() if v is not None})
