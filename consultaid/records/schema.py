"""The records schema and its migrations, for both backends, in one place.

Hand-written SQL per dialect rather than SQLAlchemy Core + Alembic: the schema is seven tables,
the queries the service runs are plain SQL that both dialects accept (placeholders are
translated for PostgreSQL by ``pg_store``), and what differs (types, triggers, privileges,
locks) is exactly what a generic layer hides. Two short lists of migrations, side by side, are
easier to review than a migration framework, and they add no dependency to the app.

Migration N (1-based) upgrades a database from schema N-1 to N, on each backend. Only ever
append, to both lists together: a PostgreSQL server and a SQLite file of the same release have
the same schema number and the same tables, so ``records migrate`` copies table to table.
"""

from __future__ import annotations

# -- SQLite ----------------------------------------------------------------------------------

_SQLITE_1 = """
        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('physician', 'front_desk')),
            pin_salt BLOB NOT NULL,
            pin_hash BLOB NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE consultations (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('draft', 'completed', 'handout_given')),
            version INTEGER NOT NULL,
            patient_name TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            search_text TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            condition_id TEXT NOT NULL,
            physician TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- The record itself lives apart from the narrow summary rows above, so a search scans
        -- a few MB rather than every record's JSON.
        CREATE TABLE consultation_data (
            id TEXT PRIMARY KEY REFERENCES consultations (id),
            json TEXT NOT NULL
        );
        CREATE INDEX consultations_visit ON consultations (visit_date DESC, id);
        CREATE INDEX consultations_patient_id ON consultations (patient_id COLLATE NOCASE);
        CREATE INDEX consultations_condition ON consultations (condition_id, visit_date DESC);
        CREATE INDEX consultations_status ON consultations (status, visit_date DESC);
        CREATE TABLE consultation_versions (
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            saved_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (consultation_id, version)
        );
        CREATE TABLE handouts (
            id INTEGER PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            consultation_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            settings_json TEXT NOT NULL,
            pdf BLOB NOT NULL
        );
        CREATE INDEX handouts_consultation ON handouts (consultation_id, id);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER versions_no_update BEFORE UPDATE ON consultation_versions
            BEGIN SELECT RAISE(ABORT, 'earlier versions are kept unchanged'); END;
        CREATE TRIGGER handouts_no_update BEFORE UPDATE ON handouts
            BEGIN SELECT RAISE(ABORT, 'a handout as given is never changed'); END;
"""

_SQLITE_2 = """
        CREATE TABLE audit_seal (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            keyed_from INTEGER NOT NULL,
            head_seq INTEGER NOT NULL,
            head_hash TEXT NOT NULL,
            mac TEXT NOT NULL
        );
        CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal
            BEGIN SELECT RAISE(ABORT, 'the audit seal is never removed'); END;
"""
"""Schema 2: the audit chain is keyed (HMAC under the installation key, outside the database);
``audit.seal_if_needed`` seals older entries in the same step."""

_SQLITE_ACCOUNTS = """
        ALTER TABLE users ADD COLUMN last_sign_in TEXT;
        ALTER TABLE users ADD COLUMN pin_scheme INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE users ADD COLUMN pin_change_due INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX audit_action_at ON audit (action, at);
        CREATE INDEX audit_action_record ON audit (action, record_id, seq);
"""
"""Accounts (issue 11.2, 12.9): when each account last signed in; which PIN hash scheme it has
(1: scrypt of the PIN, 2: peppered with the installation key); whether its owner must choose a
new PIN (after a reset by someone else). The indexes keep the sign-in rate limits' look-ups of
recent failures fast however long the audit log grows."""

_SQLITE_REVIEWS = """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            reviewer_id INTEGER NOT NULL REFERENCES users (id),
            decision TEXT NOT NULL CHECK (decision IN ('agreed', 'not_agreed')),
            comment TEXT NOT NULL,
            answers_sha256 TEXT NOT NULL,
            signed_at TEXT NOT NULL
        );
        CREATE INDEX reviews_consultation ON reviews (consultation_id, id);
        CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
            BEGIN SELECT RAISE(ABORT, 'a signed review is never changed'); END;
        CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
            BEGIN SELECT RAISE(ABORT, 'a signed review is never removed'); END;
"""
"""Signed reviews (issue 11.1): a second physician's decision on a consultation's screening,
confirmed with their PIN, stamped by the service, with the hash of the answers it saw."""

_SQLITE_FOLLOW_UP = """
        ALTER TABLE consultations ADD COLUMN teach_back_follow_up INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE consultations ADD COLUMN acknowledged INTEGER NOT NULL DEFAULT 0;
        UPDATE consultations SET teach_back_follow_up = 1 WHERE id IN (
            SELECT d.id FROM consultation_data d, json_each(d.json, '$.teach_back.points') p
            WHERE json_valid(d.json) AND json_type(d.json, '$.teach_back.points') = 'array'
              AND json_extract(p.value, '$.outcome') = 'not_yet_understood');
        CREATE INDEX consultations_follow_up
            ON consultations (teach_back_follow_up, visit_date DESC, id);
        CREATE INDEX consultations_acknowledged
            ON consultations (acknowledged, visit_date DESC, id);
"""
"""Issue 17.4: list columns for the records view's filters "teach-back needs follow-up" (a point
not yet understood) and "not acknowledged", indexed with the list's order. No record before
this schema has an acknowledgement; teach-back follow-up is read from each stored record."""

_SQLITE_KEY_ID = """
        ALTER TABLE audit_seal ADD COLUMN key_id TEXT NOT NULL DEFAULT '';
"""
"""Issue 25: the seal names the fingerprint of the key it was made with, so a database opened
with another installation's key says so ("sealed by another installation key") instead of
"rewritten". Filled in by ``audit.record_key_id`` in the same step."""

_SQLITE_SERVER_MAC = """
        ALTER TABLE audit ADD COLUMN server_mac TEXT;
"""
"""Issue 25.4: on PostgreSQL each audit entry carries a MAC the server makes under a key only
it holds (records.server_rules). A SQLite file has no server: the column stays empty, and the
tables keep the same shape on both backends (``records migrate``)."""

SQLITE_MIGRATIONS: tuple[str, ...] = (_SQLITE_1, _SQLITE_2, _SQLITE_ACCOUNTS, _SQLITE_REVIEWS,
                                     _SQLITE_FOLLOW_UP, _SQLITE_KEY_ID, _SQLITE_SERVER_MAC)

# -- PostgreSQL ------------------------------------------------------------------------------
# The same tables and columns. Differences: BYTEA for blobs, identity columns, BOOLEAN
# ``active``, a case-insensitive unique index for user names (SQLite's COLLATE NOCASE), and
# guards as PL/pgSQL triggers plus REVOKE, so that even the table owner cannot change the audit
# log without first dropping a trigger (which ``verify`` then finds through the keyed chain).

_POSTGRES_1 = """
        CREATE TABLE users (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('physician', 'front_desk')),
            pin_salt BYTEA NOT NULL,
            pin_hash BYTEA NOT NULL,
            active BOOLEAN NOT NULL DEFAULT TRUE,
            created_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX users_name ON users (lower(name));
        CREATE TABLE consultations (
            id TEXT PRIMARY KEY,
            status TEXT NOT NULL CHECK (status IN ('draft', 'completed', 'handout_given')),
            version INTEGER NOT NULL,
            patient_name TEXT NOT NULL,
            patient_id TEXT NOT NULL,
            search_text TEXT NOT NULL,
            visit_date TEXT NOT NULL,
            condition_id TEXT NOT NULL,
            physician TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE consultation_data (
            id TEXT PRIMARY KEY REFERENCES consultations (id),
            json TEXT NOT NULL
        );
        CREATE INDEX consultations_visit ON consultations (visit_date DESC, id);
        CREATE INDEX consultations_patient_id ON consultations (lower(patient_id));
        CREATE INDEX consultations_condition ON consultations (condition_id, visit_date DESC);
        CREATE INDEX consultations_status ON consultations (status, visit_date DESC);
        CREATE TABLE consultation_versions (
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            saved_by TEXT NOT NULL,
            reason TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY (consultation_id, version)
        );
        CREATE TABLE handouts (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            consultation_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pack_version TEXT NOT NULL,
            settings_json TEXT NOT NULL,
            pdf BYTEA NOT NULL
        );
        CREATE INDEX handouts_consultation ON handouts (consultation_id, id);
        CREATE TABLE audit (
            seq BIGINT PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            record_id TEXT NOT NULL,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE FUNCTION consultaid_refuse() RETURNS trigger LANGUAGE plpgsql AS
            'BEGIN RAISE EXCEPTION USING MESSAGE = TG_ARGV[0]; END';
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('the audit log is append-only');
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('the audit log is append-only');
        CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit FOR EACH STATEMENT
            EXECUTE FUNCTION consultaid_refuse('the audit log is append-only');
        CREATE TRIGGER versions_no_update BEFORE UPDATE ON consultation_versions FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('earlier versions are kept unchanged');
        CREATE TRIGGER handouts_no_update BEFORE UPDATE ON handouts FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('a handout as given is never changed');
        REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
"""

_POSTGRES_2 = """
        CREATE TABLE audit_seal (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            keyed_from BIGINT NOT NULL,
            head_seq BIGINT NOT NULL,
            head_hash TEXT NOT NULL,
            mac TEXT NOT NULL
        );
        CREATE TRIGGER audit_seal_no_delete BEFORE DELETE ON audit_seal FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('the audit seal is never removed');
        REVOKE ALL ON audit_seal FROM PUBLIC;
"""

_POSTGRES_ACCOUNTS = """
        ALTER TABLE users ADD COLUMN IF NOT EXISTS last_sign_in TEXT,
            ADD COLUMN IF NOT EXISTS pin_scheme INTEGER NOT NULL DEFAULT 1,
            ADD COLUMN IF NOT EXISTS pin_change_due INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS audit_action_at ON audit (action, at);
        CREATE INDEX IF NOT EXISTS audit_action_record ON audit (action, record_id, seq);
"""

_POSTGRES_REVIEWS = """
        CREATE TABLE reviews (
            id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            consultation_id TEXT NOT NULL REFERENCES consultations (id),
            reviewer_id BIGINT NOT NULL REFERENCES users (id),
            decision TEXT NOT NULL CHECK (decision IN ('agreed', 'not_agreed')),
            comment TEXT NOT NULL,
            answers_sha256 TEXT NOT NULL,
            signed_at TEXT NOT NULL
        );
        CREATE INDEX reviews_consultation ON reviews (consultation_id, id);
        CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('a signed review is never changed');
        CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews FOR EACH ROW
            EXECUTE FUNCTION consultaid_refuse('a signed review is never removed');
        REVOKE ALL ON reviews FROM PUBLIC;
"""

_POSTGRES_FOLLOW_UP = """
        ALTER TABLE consultations
            ADD COLUMN IF NOT EXISTS teach_back_follow_up INTEGER NOT NULL DEFAULT 0,
            ADD COLUMN IF NOT EXISTS acknowledged INTEGER NOT NULL DEFAULT 0;
        UPDATE consultations c SET teach_back_follow_up = 1 FROM consultation_data d
            WHERE d.id = c.id AND jsonb_path_exists(d.json::jsonb,
                '$.teach_back.points[*] ? (@.outcome == "not_yet_understood")');
        CREATE INDEX IF NOT EXISTS consultations_follow_up
            ON consultations (teach_back_follow_up, visit_date DESC, id);
        CREATE INDEX IF NOT EXISTS consultations_acknowledged
            ON consultations (acknowledged, visit_date DESC, id);
"""

_POSTGRES_KEY_ID = """
        ALTER TABLE audit_seal ADD COLUMN IF NOT EXISTS key_id TEXT NOT NULL DEFAULT '';
"""

_POSTGRES_SERVER_MAC = """
        ALTER TABLE audit ADD COLUMN IF NOT EXISTS server_mac TEXT;
"""
"""Issue 25.4: the server's own functions, key and MAC chain; ``server_calls.install`` makes
them in the same step (and ``records grant`` again, for whatever is missing)."""

POSTGRES_MIGRATIONS: tuple[str, ...] = (_POSTGRES_1, _POSTGRES_2, _POSTGRES_ACCOUNTS,
                                        _POSTGRES_REVIEWS, _POSTGRES_FOLLOW_UP, _POSTGRES_KEY_ID,
                                        _POSTGRES_SERVER_MAC)

POSTGRES_SCHEMA_TABLE = """
        CREATE TABLE IF NOT EXISTS consultaid_schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL
        );
        INSERT INTO consultaid_schema (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
"""
"""PostgreSQL has no ``user_version``: the schema number lives in this one-row table."""

SERVER_RULES = 7
"""The schema from which, on PostgreSQL, the server enforces the rules (records.server_rules)."""

MIGRATION_LOCK = 0x636F6E73756C74  # "consult": pg_advisory_xact_lock key while migrating

APP_ROLE_GRANTS = """
        GRANT CONNECT ON DATABASE {database} TO {role};
        GRANT USAGE ON SCHEMA public TO {role};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
        GRANT INSERT ON consultations, consultation_data, consultation_versions, handouts
            TO {role};
        GRANT UPDATE ON consultations, consultation_data TO {role};
        REVOKE UPDATE, DELETE, TRUNCATE ON consultation_versions, handouts FROM {role};
"""
"""What the workstations' database role may do (``consultaid records grant ROLE``): read
everything, add records, versions and handouts, change a record; never UPDATE, DELETE or
TRUNCATE an earlier version or a handout as given, and no DDL (it cannot drop the guards).
Accounts, reviews and audit entries only through the server's functions
(``server_rules.SERVER_WRITES_ONLY``, issue 25.4). SELECT on the sequences lets it make a
backup with pg_dump, as the README says it can (issue 25.5)."""

ROLE_TIMEOUTS = """
        ALTER ROLE {role} SET statement_timeout = {statement};
        ALTER ROLE {role} SET lock_timeout = {lock};
        ALTER ROLE {role} SET idle_in_transaction_session_timeout = {idle};
"""
"""Server-side limits for a workstation's role (issue 30), set by ``records grant``: a stuck
statement, a wait for another workstation's lock, or a transaction left open (a frozen
workstation) ends on the server instead of holding locks every other room waits on. Role
settings apply to each new server connection, so they hold behind PgBouncer too."""
TIMEOUTS = {"statement": "30s", "lock": "10s", "idle": "60s"}
"""The defaults (``records grant --statement-timeout`` etc. override them)."""

FRONT_DESK_GRANTS = """
        GRANT CONNECT ON DATABASE {database} TO {role};
        GRANT USAGE ON SCHEMA public TO {role};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role};
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, consultations, consultation_data,
            consultation_versions, handouts, reviews, audit, audit_seal FROM {role};
"""
"""A front-desk workstation's login (``records grant ROLE --front-desk``): it reads, and adds
audit entries (sign-ins, reprints, views) through the server's functions, nothing else. With its own
credentials in hand, no one at the front desk can change a record, a review, an account's role
or PIN, or a handout as given: the server refuses (issue 25.4)."""
