"""The unit directory: data the office edits, with aliases so renamed and merged units still resolve."""
from django.db import models

from tracker.folding import fold


class Unit(models.Model):
    class Kind(models.TextChoices):
        PARTY_ADVISORY = "tham_muu", "Cơ quan tham mưu Tỉnh ủy"
        PARTY_COMMITTEE = "dang_uy", "Đảng ủy, đảng đoàn, ban cán sự đảng"
        LEADERSHIP = "lanh_dao", "Cơ quan lãnh đạo (BCH, BTV, Thường trực)"
        GOVERNMENT = "chinh_quyen", "HĐND, UBND và cơ quan chính quyền"
        DEPARTMENT = "so_nganh", "Sở, ban, ngành"
        LOCAL = "dia_phuong", "Xã, phường, đặc khu"
        FRONT = "mttq", "MTTQ và các đoàn thể"
        OTHER = "khac", "Khác"

    name = models.CharField("tên đơn vị", max_length=255, unique=True)
    short_name = models.CharField("tên viết tắt", max_length=64, blank=True)
    code = models.SlugField("mã", max_length=32, unique=True, null=True, blank=True)
    kind = models.CharField("loại", max_length=16, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", verbose_name="đơn vị cấp trên", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="children",
    )
    is_group = models.BooleanField(
        "là nhóm", default=False,
        help_text="Một nhóm (vd. “các huyện, thị, thành ủy”) giao việc cho từng thành viên.",
    )
    members = models.ManyToManyField(
        "self", verbose_name="thành viên", symmetrical=False, blank=True, related_name="groups",
    )
    email = models.EmailField("email", blank=True)
    head_email = models.EmailField("email thủ trưởng", blank=True)
    is_active = models.BooleanField("đang hoạt động", default=True)
    successor = models.ForeignKey(
        "self", verbose_name="đơn vị kế thừa", null=True, blank=True, on_delete=models.PROTECT,
        related_name="predecessors", help_text="Sau sáp nhập/đổi tên: đơn vị nhận nhiệm vụ và số liệu.",
    )
    succeeded_on = models.DateField("ngày sáp nhập/đổi tên", null=True, blank=True)
    folded_name = models.CharField(max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded_name = fold(self.name)
        super().save(*args, **kwargs)

    @property
    def tier(self) -> str:
        return tier_of(self.kind)


class Tier(models.TextChoices):
    """The three levels pages group units by: provincial bodies, departments, communes/wards."""

    PROVINCE = "tinh", "Cơ quan cấp tỉnh"
    DEPARTMENT = "so", "Sở, ngành"
    LOCAL = "xa", "Xã, phường, đặc khu"


TIER_KINDS = {
    Tier.DEPARTMENT: (Unit.Kind.DEPARTMENT,),
    Tier.LOCAL: (Unit.Kind.LOCAL,),
}
TIER_KINDS[Tier.PROVINCE] = tuple(k for k in Unit.Kind.values if k not in {
    *TIER_KINDS[Tier.DEPARTMENT], *TIER_KINDS[Tier.LOCAL]})


_TIER_OF_KIND = {kind: tier for tier, kinds in TIER_KINDS.items() for kind in kinds}


def tier_of(kind: str) -> str:
    """The tier a unit kind belongs to (a dict lookup: the dashboard calls it for every unit)."""
    return _TIER_OF_KIND[kind]


class UnitAlias(models.Model):
    """Another name a unit is written under: an abbreviation, a variant, or a pre-merger name."""

    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField("tên gọi khác", max_length=255)
    folded = models.CharField(max_length=255, editable=False, unique=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)
