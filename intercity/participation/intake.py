"""Storing a citizen's report: the hot path of the Civic Participation System.

`services.submit_report` validates a submission against the jurisdiction's catalogue and
hands the result here. A report without photos, on PostgreSQL, is written by one statement
that inserts the report, its 'submitted' event and its follower, and that checks again, in
the same statement, what a cached catalogue could have missed: the jurisdiction is enabled,
the service still offered, the API client still active. A row it refuses is taken again by
the ordinary path with fresh data, which then says why. The statement runs on the caller's
connection, inside its transaction if it has one. Reports with photos, and every report on
SQLite, go through the ORM in one transaction. docs/participation-scale.md has the
measurements (writing the rows of concurrent requests together, one commit per batch, was
tried and measured no gain here: the web process's own work, not the database, bounds intake).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import psycopg
from django.core.files.base import ContentFile
from django.db import connection, transaction

from intercity.participation import photos, tallies
from intercity.participation.models import (
    APIClient,
    Event,
    Follower,
    Photo,
    Report,
    Service,
    Status,
    new_public_id,
    new_token,
)


@dataclass(frozen=True)
class Prepared:
    """A validated submission, ready to store."""

    jurisdiction_id: int
    service: Service
    initial: Status
    client: APIClient | None
    public_id: str
    token: str
    description: str
    latitude: Decimal | None
    longitude: Decimal | None
    address: str
    address_id: str
    zipcode: str
    first_name: str
    last_name: str
    email: str
    phone: str
    device_id: str
    account_id: str
    attributes: dict[str, Any]
    requested_at: dt.datetime
    expected_at: dt.datetime | None
    day: dt.date  # where the dashboard's tallies count it (participation.tallies)
    cell: int
    photos: tuple[photos.CleanPhoto, ...] = ()
    language: str = ""

    def counted(self) -> tallies.Counted:
        return tallies.Counted(
            day=self.day,
            service_id=self.service.pk,
            department_id=self.service.department_id or tallies.NO_DEPARTMENT,
            status_id=self.initial.pk,
            cell=self.cell,
            bucket=None,
        )

    def report(self, pk: int | None = None) -> Report:
        """The report as a model instance (saved when `pk` is given)."""
        report = Report(
            pk=pk,
            jurisdiction_id=self.jurisdiction_id,
            service=self.service,
            status=self.initial,
            public_id=self.public_id,
            token=self.token,
            description=self.description,
            latitude=self.latitude,
            longitude=self.longitude,
            address=self.address,
            address_id=self.address_id,
            zipcode=self.zipcode,
            first_name=self.first_name,
            last_name=self.last_name,
            email=self.email,
            phone=self.phone,
            device_id=self.device_id,
            account_id=self.account_id,
            attributes=self.attributes,
            department_id=self.service.department_id,
            client=self.client,
            requested_at=self.requested_at,
            updated_at=self.requested_at,
            expected_at=self.expected_at,
            language=self.language,
        )
        if pk is not None:
            report._state.adding = False
        return report


class Refused(Exception):
    """The statement did not store the row: something the catalogue said no longer holds."""


def new_ids() -> tuple[str, str]:
    return new_public_id(), new_token()


# --- The ORM path: photos, SQLite, and a row the statement refused ---------------------------


def store_with_orm(prepared: Prepared) -> Report:
    """One transaction: the report, its photos, its event and its follower. The client and
    the service are checked again inside it, as the statement does (the catalogue may be
    seconds old): `Refused` if either is gone."""
    with transaction.atomic():
        if prepared.client is not None and not (
            APIClient.objects.filter(pk=prepared.client.pk, active=True).exists()
        ):
            raise Refused(prepared.public_id)
        if not Service.objects.filter(pk=prepared.service.pk, active=True).exists():
            raise Refused(prepared.public_id)
        report = prepared.report()
        report.save()
        for n, photo in enumerate(prepared.photos, start=1):
            stored = Photo(
                report=report, width=photo.width, height=photo.height, size=len(photo.content)
            )
            stored.image.save(f"{report.public_id}-{n}.jpg", ContentFile(photo.content), save=False)
            stored.save()
        Event.objects.create(
            report=report, verb="submitted", target=prepared.initial, at=prepared.requested_at
        )
        if report.email:
            Follower.objects.create(report=report, email=report.email)
        tallies.record(prepared.jurisdiction_id, None, prepared.counted())
    return report


# --- The statement ------------------------------------------------------------------------------

# The rows as one JSON array (one parameter, parsed by PostgreSQL: adapting twenty arrays
# cost more than the insert); each row is joined to what must still hold (its jurisdiction
# enabled, its service active there, its client active for it), so a refused row simply does
# not come back.
INSERT = """
WITH given AS (
    SELECT * FROM jsonb_to_recordset(%s::jsonb) AS g(
        jurisdiction_id bigint, service_id bigint, status_id bigint, client_id bigint,
        public_id text, token text, description text, latitude numeric, longitude numeric,
        address text, address_id text, zipcode text, first_name text, last_name text,
        email text, phone text, device_id text, account_id text, attributes jsonb,
        requested_at timestamptz, expected_at timestamptz, language text, day date,
        cell smallint
    )
),
valid AS (
    SELECT g.*, s.department_id
    FROM given g
    JOIN participation_jurisdiction j ON j.id = g.jurisdiction_id AND j.enabled
    JOIN participation_service s
        ON s.id = g.service_id AND s.jurisdiction_id = g.jurisdiction_id AND s.active
    LEFT JOIN participation_apiclient c ON c.id = g.client_id
    WHERE g.client_id IS NULL
       OR (c.active AND (c.jurisdiction_id IS NULL OR c.jurisdiction_id = g.jurisdiction_id))
),
report AS (
    INSERT INTO participation_report (
        jurisdiction_id, service_id, status_id, client_id, public_id, token, description,
        latitude, longitude, address, address_id, zipcode, first_name, last_name, email, phone,
        device_id, account_id, attributes, department_id, hidden, requested_at, updated_at,
        expected_at, language
    )
    SELECT jurisdiction_id, service_id, status_id, client_id, public_id, token, description,
        latitude, longitude, address, address_id, zipcode, first_name, last_name, email, phone,
        device_id, account_id, attributes, department_id, false, requested_at,
        requested_at, expected_at, language
    FROM valid
    RETURNING id, public_id, status_id, email, requested_at
),
event AS (
    INSERT INTO participation_event (report_id, verb, target_id, note, public, at)
    SELECT id, 'submitted', status_id, '', true, requested_at FROM report
),
follower AS (
    INSERT INTO participation_follower (report_id, email)
    SELECT id, email FROM report WHERE email <> ''
),
-- The dashboard's tallies (participation.tallies), counted in the same statement: the rows
-- that went in, by the day and cell computed with the rules, as its upserts do.
tally AS (
    INSERT INTO participation_dailytally
        (jurisdiction_id, day, service_id, department_id, status_id, filed)
    SELECT jurisdiction_id, day, service_id, COALESCE(department_id, 0), status_id, COUNT(*)
    FROM valid WHERE public_id IN (SELECT public_id FROM report)
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (jurisdiction_id, day, service_id, department_id, status_id)
    DO UPDATE SET filed = participation_dailytally.filed + excluded.filed
),
area AS (
    INSERT INTO participation_dailyareatally (jurisdiction_id, day, cell, filed)
    SELECT jurisdiction_id, day, cell, COUNT(*)
    FROM valid WHERE public_id IN (SELECT public_id FROM report)
    GROUP BY 1, 2, 3
    ON CONFLICT (jurisdiction_id, day, cell)
    DO UPDATE SET filed = participation_dailyareatally.filed + excluded.filed
)
SELECT public_id, id FROM report
"""


def _document(rows: Sequence[Prepared]) -> str:
    return json.dumps(
        [
            {
                "jurisdiction_id": r.jurisdiction_id,
                "service_id": r.service.pk,
                "status_id": r.initial.pk,
                "client_id": r.client.pk if r.client else None,
                "public_id": r.public_id,
                "token": r.token,
                "description": r.description,
                # Decimals as strings: PostgreSQL reads them exactly into numeric.
                "latitude": None if r.latitude is None else str(r.latitude),
                "longitude": None if r.longitude is None else str(r.longitude),
                "address": r.address,
                "address_id": r.address_id,
                "zipcode": r.zipcode,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "email": r.email,
                "phone": r.phone,
                "device_id": r.device_id,
                "account_id": r.account_id,
                "attributes": r.attributes,
                "requested_at": r.requested_at.isoformat(),
                "expected_at": r.expected_at.isoformat() if r.expected_at else None,
                "language": r.language,
                "day": r.day.isoformat(),
                "cell": r.cell,
            }
            for r in rows
        ]
    )


def insert(raw: psycopg.Connection[Any], rows: Sequence[Prepared]) -> dict[str, int]:
    """Write the rows in one statement on a psycopg connection: {public_id: id} of those
    stored. The statement is prepared once per connection and binds on the server."""
    with psycopg.Cursor(raw) as cursor:
        cursor.execute(INSERT, (_document(rows),), prepare=True)
        return {str(public_id): int(pk) for public_id, pk in cursor.fetchall()}


def insert_here(rows: Sequence[Prepared]) -> dict[str, int]:
    """The statement on this thread's Django connection, inside its transaction if any."""
    connection.ensure_connection()
    raw = connection.connection
    assert raw is not None
    return insert(raw, rows)


def store(prepared: Prepared) -> Report:
    """Store a validated report the fastest safe way; `Refused` when the statement found
    that the catalogue it was validated against no longer holds (the caller retries)."""
    if prepared.photos or connection.vendor != "postgresql":
        return store_with_orm(prepared)
    pk = insert_here([prepared]).get(prepared.public_id)
    if pk is None:
        raise Refused(prepared.public_id)
    return prepared.report(pk)
