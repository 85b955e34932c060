"""factory-boy factories shared by the suite."""
import factory

from tracker.models import Task, TaskAssignment, Unit, User


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị thử {n}")
    short_name = factory.Sequence(lambda n: f"DV{n}")
    code = factory.Sequence(lambda n: f"dv{n}")
    email = factory.Sequence(lambda n: f"donvi{n}@example.vn")
    kind = Unit.Kind.DEPARTMENT


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.vn")
    unit = factory.SubFactory(UnitFactory)
    role = User.Role.UNIT_STAFF
    password = factory.django.Password("matkhau-thu-123")


class TaskFactory(factory.django.DjangoModelFactory):
    """A task with its lead assignment, as services.create_task makes it."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Tổ chức quán triệt, triển khai nghị quyết số {n}")
    lead_unit = factory.SubFactory(UnitFactory)
    due_date = None
    original_due_date = factory.SelfAttribute("due_date")

    @factory.post_generation
    def lead_assignment(obj, create, extracted, **kwargs):
        if create:
            TaskAssignment.objects.create(task=obj, unit=obj.lead_unit, role=TaskAssignment.Role.LEAD)
