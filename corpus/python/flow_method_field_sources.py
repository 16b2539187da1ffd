"""An object whose constructor reads the request itself (`self.order = request.GET.get(...)`):
what its methods build from those fields is the request's, wherever the method is called."""
from django.db import models


class Employee(models.Model):
    name = models.CharField(max_length=120)


class ReportParams:
    def __init__(self, request):
        self.department = request.GET.get("department", "")
        self.order = request.GET.get("order", "name")
        self.direction = "DESC" if request.GET.get("desc") else "ASC"

    def order_clause(self):
        return f"ORDER BY {self.order} {self.direction}"

    def direction_clause(self):
        return f"ORDER BY name {self.direction}"


def employees_report(request):
    params = ReportParams(request)
    # ruleid: python.sql-string-formatting
    people = Employee.objects.raw(
        "SELECT id, name FROM hr_employee WHERE department = %s " + params.order_clause(),
        [params.department],
    )
    # ok: python.sql-string-formatting
    sorted_people = Employee.objects.raw(
        "SELECT id, name FROM hr_employee WHERE department = %s " + params.direction_clause(),
        [params.department],
    )
    return list(people) + list(sorted_people)


def export_report(request, cursor):
    params = ReportParams(request)
    query = "SELECT id, name FROM hr_employee " + params.order_clause()
    # ruleid: python.sql-string-formatting
    cursor.execute(query)
    safe = "SELECT id, name FROM hr_employee " + params.direction_clause()
    # ok: python.sql-string-formatting
    cursor.execute(safe)
    return cursor.fetchall()
