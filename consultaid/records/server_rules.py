"""On PostgreSQL the server enforces the rules (issue 25.4): the SQL of its functions.

A workstation's database login may read everything and write records, versions and handouts,
but never ``users``, ``reviews``, ``audit`` or ``audit_seal`` directly (``records grant``
revokes that). Those changes go through the ``SECURITY DEFINER`` functions below, owned by the
owner role, which check on the server:

- the acting account, by a session token the server gave at a sign-in where it checked the PIN
  itself (pgcrypto ``crypt()`` against a verifier the workstations cannot read);
- the roles (a physician session to add an account, reset a PIN or (de)activate one; the front
  desk has no EXECUTE on those at all) and the no-self-review rule (the reviewer's own PIN,
  checked by the server; an active physician; neither the consultation's creator nor the
  physician named on it; a draft);
- that every audit entry follows the last one and names the session's own account, and its
  *server MAC*: an HMAC chained over the previous one, under a key made on the server that no
  workstation login can read. ``records verify`` asks the server to check that chain
  (``server_problems``) without ever seeing the key.

Tokens are function arguments (a hash of each is kept in ``consultaid_private.sessions``): no
session state, no ``SET ROLE``, no settings, so PgBouncer in transaction pooling works.

Every function follows "Writing SECURITY DEFINER Functions Safely" in PostgreSQL's manual
(CREATE FUNCTION): ``search_path`` fixed to ``pg_catalog, pg_temp`` (``pg_temp`` last), every
table and pgcrypto function named with its schema, and EXECUTE revoked from PUBLIC, granted
only to the workstation roles by ``records grant``.
"""

from __future__ import annotations

PRIVATE = "consultaid_private"
"""Only the owner may enter it: the server MAC key, PIN verifiers, sessions."""
API = "consultaid_api"
"""The functions; workstation roles get USAGE on it and EXECUTE on some of them."""

SESSION_HOURS = 12
"""How long a sign-in's server session lasts (a workstation signs in again after that)."""
SESSION_ENDED = "CA401"
"""The SQLSTATE of "no live session for this account" (expired, or never opened here)."""

SCHEMAS = """
        CREATE SCHEMA IF NOT EXISTS consultaid_private;
        REVOKE ALL ON SCHEMA consultaid_private FROM PUBLIC;
        CREATE SCHEMA IF NOT EXISTS consultaid_crypto;
        REVOKE ALL ON SCHEMA consultaid_crypto FROM PUBLIC;
        CREATE EXTENSION IF NOT EXISTS pgcrypto SCHEMA consultaid_crypto;
        CREATE TABLE IF NOT EXISTS consultaid_private.server_key (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            key BYTEA NOT NULL,
            server_from BIGINT NOT NULL,
            made_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS consultaid_private.pins (
            user_id BIGINT PRIMARY KEY REFERENCES public.users (id),
            verifier TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS consultaid_private.sessions (
            token_sha256 BYTEA PRIMARY KEY,
            user_id BIGINT NOT NULL REFERENCES public.users (id),
            expires_at TIMESTAMPTZ NOT NULL
        );
        REVOKE ALL ON ALL TABLES IN SCHEMA consultaid_private FROM PUBLIC;
        ALTER TABLE public.audit ADD COLUMN IF NOT EXISTS server_mac TEXT;
        CREATE SCHEMA IF NOT EXISTS consultaid_api;
        REVOKE ALL ON SCHEMA consultaid_api FROM PUBLIC;
"""
"""The private schema and its tables (``CREATE EXTENSION pgcrypto`` needs the owner: it is a
trusted extension from PostgreSQL 13 on). pgcrypto gets a schema of its own, out of the
workstations' reach too: a backup made with a workstation's login leaves ``consultaid_private``
out but still carries the extension, which must then have a schema to go to."""

_DEFINER = "SECURITY DEFINER SET search_path = pg_catalog, pg_temp"

# @crypto@ is replaced by the (quoted) schema pgcrypto is installed in.
FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION consultaid_private.is_owner() RETURNS boolean
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    -- Called from the definer functions: current_user is the owner there.
    SELECT pg_has_role(session_user, current_user, 'MEMBER')
$$;

CREATE OR REPLACE FUNCTION consultaid_private.acting(p_token text) RETURNS bigint
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT s.user_id FROM consultaid_private.sessions s
      JOIN public.users u ON u.id = s.user_id
     WHERE s.token_sha256 = sha256(convert_to(coalesce(p_token, ''), 'UTF8'))
       AND s.expires_at > now() AND u.active
$$;

CREATE OR REPLACE FUNCTION consultaid_private.acting_role(p_token text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT u.role FROM public.users u WHERE u.id = consultaid_private.acting(p_token)
$$;

CREATE OR REPLACE FUNCTION consultaid_private.refuse(p_what text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
        MESSAGE = 'the records server refused: ' || p_what;
END $$;

CREATE OR REPLACE FUNCTION consultaid_private.session_ended() RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '{SESSION_ENDED}',
        MESSAGE = 'the records server holds no live session for this account';
END $$;

CREATE OR REPLACE FUNCTION consultaid_private.set_verifier(p_user bigint, p_secret text)
RETURNS void LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO consultaid_private.pins (user_id, verifier)
    VALUES (p_user, @crypto@.crypt(p_secret, @crypto@.gen_salt('bf', 8)))
    ON CONFLICT (user_id) DO UPDATE SET verifier = excluded.verifier
$$;

CREATE OR REPLACE FUNCTION consultaid_private.pin_ok(p_user bigint, p_secret text)
RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v text;
BEGIN
    IF p_secret IS NULL OR length(p_secret) <> 64 THEN
        RETURN false;
    END IF;
    SELECT verifier INTO v FROM consultaid_private.pins WHERE user_id = p_user;
    IF v IS NULL THEN
        -- An account from before the server enforced the rules: enrolled at its first good
        -- PIN (the workstation checked it against the account's hash). `verify` lists the
        -- accounts still waiting; see docs/security.md for what that leaves open.
        PERFORM consultaid_private.set_verifier(p_user, p_secret);
        RETURN true;
    END IF;
    RETURN v = @crypto@.crypt(p_secret, v);
END $$;

CREATE OR REPLACE FUNCTION consultaid_private.new_session(p_user bigint, p_ttl interval)
RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    token text := encode(@crypto@.gen_random_bytes(32), 'hex');
BEGIN
    DELETE FROM consultaid_private.sessions WHERE expires_at < now();
    INSERT INTO consultaid_private.sessions (token_sha256, user_id, expires_at)
    VALUES (sha256(convert_to(token, 'UTF8')), p_user, now() + p_ttl);
    RETURN token;
END $$;

CREATE OR REPLACE FUNCTION consultaid_private.needs_physician(p_token text) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    who bigint := consultaid_private.acting(p_token);
BEGIN
    IF consultaid_private.is_owner() THEN
        RETURN who;
    END IF;
    IF who IS NULL THEN
        PERFORM consultaid_private.session_ended();
    END IF;
    IF consultaid_private.acting_role(p_token) <> 'physician' THEN
        PERFORM consultaid_private.refuse('a physician''s session is needed');
    END IF;
    RETURN who;
END $$;

-- Sign-in: the server checks the PIN itself; returns a session token, or NULL (wrong PIN,
-- inactive or unknown account). A release-0.1.0 hash may be upgraded (same PIN) here.
CREATE OR REPLACE FUNCTION consultaid_api.sign_in(p_user bigint, p_secret text,
    p_now text, p_salt bytea, p_hash bytea) RETURNS text
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    u public.users%ROWTYPE;
BEGIN
    SELECT * INTO u FROM public.users WHERE id = p_user FOR UPDATE;
    IF NOT FOUND OR NOT u.active OR NOT consultaid_private.pin_ok(p_user, p_secret) THEN
        RETURN NULL;
    END IF;
    IF p_hash IS NOT NULL AND u.pin_scheme = 1 THEN
        UPDATE public.users SET pin_salt = p_salt, pin_hash = p_hash, pin_scheme = 2,
            last_sign_in = p_now WHERE id = p_user;
    ELSE
        UPDATE public.users SET last_sign_in = p_now WHERE id = p_user;
    END IF;
    RETURN consultaid_private.new_session(p_user, make_interval(hours => {SESSION_HOURS}));
END $$;

-- Sign-out: the session ends on the server too.
CREATE OR REPLACE FUNCTION consultaid_api.end_session(p_token text) RETURNS void
LANGUAGE sql {_DEFINER} AS $$
    DELETE FROM consultaid_private.sessions
     WHERE token_sha256 = sha256(convert_to(coalesce(p_token, ''), 'UTF8'))
$$;

-- A new account: a physician's session (or the owner's login, or the very first account).
CREATE OR REPLACE FUNCTION consultaid_api.create_account(p_token text, p_name text,
    p_role text, p_secret text, p_salt bytea, p_hash bytea, p_now text,
    OUT new_id bigint, OUT token text)
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    first boolean;
BEGIN
    LOCK TABLE public.users IN SHARE ROW EXCLUSIVE MODE;
    first := NOT EXISTS (SELECT 1 FROM public.users);
    IF NOT (first AND p_role = 'physician') THEN
        PERFORM consultaid_private.needs_physician(p_token);
    END IF;
    INSERT INTO public.users (name, role, pin_salt, pin_hash, pin_scheme, created_at)
    VALUES (p_name, p_role, p_salt, p_hash, 2, p_now) RETURNING id INTO new_id;
    PERFORM consultaid_private.set_verifier(new_id, p_secret);
    IF first THEN
        token := consultaid_private.new_session(new_id, make_interval(hours => {SESSION_HOURS}));
    END IF;
END $$;

CREATE OR REPLACE FUNCTION consultaid_api.set_active(p_token text, p_user bigint,
    p_active boolean) RETURNS void
LANGUAGE plpgsql {_DEFINER} AS $$
BEGIN
    PERFORM consultaid_private.needs_physician(p_token);
    LOCK TABLE public.users IN SHARE ROW EXCLUSIVE MODE;
    IF NOT p_active AND NOT EXISTS (SELECT 1 FROM public.users WHERE role = 'physician'
                                    AND active AND id <> p_user) THEN
        PERFORM consultaid_private.refuse('the last active physician stays active');
    END IF;
    UPDATE public.users SET active = p_active WHERE id = p_user;
    IF NOT p_active THEN
        DELETE FROM consultaid_private.sessions WHERE user_id = p_user;
    END IF;
END $$;

-- A physician gives another account a new PIN (its owner chooses their own at next sign-in).
CREATE OR REPLACE FUNCTION consultaid_api.reset_pin(p_token text, p_user bigint,
    p_secret text, p_salt bytea, p_hash bytea) RETURNS void
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    who bigint := consultaid_private.needs_physician(p_token);
BEGIN
    IF who = p_user THEN
        PERFORM consultaid_private.refuse('one''s own PIN is changed with the current one');
    END IF;
    UPDATE public.users SET pin_salt = p_salt, pin_hash = p_hash, pin_scheme = 2,
        pin_change_due = 1 WHERE id = p_user AND active;
    IF NOT FOUND THEN
        PERFORM consultaid_private.refuse('no such active account');
    END IF;
    PERFORM consultaid_private.set_verifier(p_user, p_secret);
    DELETE FROM consultaid_private.sessions WHERE user_id = p_user;
END $$;

-- The session's own account changes its PIN, confirming the current one.
CREATE OR REPLACE FUNCTION consultaid_api.change_pin(p_token text, p_current text,
    p_secret text, p_salt bytea, p_hash bytea) RETURNS void
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    who bigint := consultaid_private.acting(p_token);
BEGIN
    IF who IS NULL THEN
        PERFORM consultaid_private.session_ended();
    END IF;
    IF NOT consultaid_private.pin_ok(who, p_current) THEN
        PERFORM consultaid_private.refuse('the current PIN was not confirmed');
    END IF;
    UPDATE public.users SET pin_salt = p_salt, pin_hash = p_hash, pin_scheme = 2,
        pin_change_due = 0 WHERE id = who;
    PERFORM consultaid_private.set_verifier(who, p_secret);
END $$;

-- A second physician's review: their own PIN, checked here; an active physician who neither
-- created the consultation nor is named on it; a draft. Returns the review's number and a
-- session of two minutes for the reviewer's "review" audit entry.
CREATE OR REPLACE FUNCTION consultaid_api.sign_review(p_reviewer bigint, p_secret text,
    p_consultation text, p_decision text, p_comment text, p_answers text, p_now text,
    OUT review_id bigint, OUT token text)
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    u public.users%ROWTYPE;
    named text;
    state text;
    creator text;
BEGIN
    SELECT * INTO u FROM public.users WHERE id = p_reviewer;
    IF NOT FOUND OR NOT u.active OR u.role <> 'physician'
       OR NOT consultaid_private.pin_ok(p_reviewer, p_secret) THEN
        PERFORM consultaid_private.refuse('the reviewer''s PIN was not confirmed');
    END IF;
    SELECT c.status, (d.json::jsonb) ->> 'physician' INTO state, named
      FROM public.consultations c JOIN public.consultation_data d ON d.id = c.id
     WHERE c.id = p_consultation FOR UPDATE OF c;
    IF state IS DISTINCT FROM 'draft' THEN
        PERFORM consultaid_private.refuse('a review is given to a stored draft');
    END IF;
    SELECT actor INTO creator FROM public.audit
     WHERE record_id = p_consultation AND action IN ('create', 'import') ORDER BY seq LIMIT 1;
    IF creator = 'user:' || p_reviewer
       OR lower(btrim(coalesce(named, ''))) = lower(btrim(u.name)) THEN
        PERFORM consultaid_private.refuse('a consultation is reviewed by another physician');
    END IF;
    INSERT INTO public.reviews (consultation_id, reviewer_id, decision, comment,
                                answers_sha256, signed_at)
    VALUES (p_consultation, p_reviewer, p_decision, p_comment, p_answers, p_now)
    RETURNING id INTO review_id;
    token := consultaid_private.new_session(p_reviewer, interval '2 minutes');
END $$;

-- The audit seal, locked until the transaction ends (one chain under concurrent writers).
CREATE OR REPLACE FUNCTION consultaid_api.audit_head(OUT keyed_from bigint,
    OUT head_seq bigint, OUT head_hash text, OUT mac text)
LANGUAGE sql {_DEFINER} AS $$
    SELECT s.keyed_from, s.head_seq, s.head_hash, s.mac FROM public.audit_seal s
     WHERE s.id = 1 FOR UPDATE
$$;

CREATE OR REPLACE FUNCTION consultaid_private.server_mac(p_key bytea, p_prev text,
    p_seq bigint, p_hash text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT encode(@crypto@.hmac(convert_to(p_prev || '|' || p_seq || '|' || p_hash, 'UTF8'),
                                p_key, 'sha256'), 'hex')
$$;

-- Actions an entry may carry only from a session of the account it names (or the owner).
CREATE OR REPLACE FUNCTION consultaid_private.personal(p_action text) RETURNS boolean
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT p_action IN ('sign-in', 'review', 'user-create', 'user-deactivate',
                        'user-reactivate', 'pin-reset', 'pin-change', 'user-sealed',
                        'audit-sealed', 'server-enforced', 'migrate', 'restore-accepted')
$$;

-- One audit entry (its app MAC made by the workstation under installation.key), with the
-- server's own MAC chained over the previous entry's, and the app's new seal.
CREATE OR REPLACE FUNCTION consultaid_api.audit_append(p_token text, p_seq bigint,
    p_at text, p_actor text, p_action text, p_record_id text, p_detail text,
    p_prev_hash text, p_hash text, p_seal_mac text) RETURNS void
LANGUAGE plpgsql {_DEFINER} AS $$
DECLARE
    seal public.audit_seal%ROWTYPE;
    k consultaid_private.server_key%ROWTYPE;
    prev text;
    who bigint;
BEGIN
    SELECT * INTO seal FROM public.audit_seal WHERE id = 1 FOR UPDATE;
    IF NOT FOUND OR seal.head_seq <> p_seq - 1 OR seal.head_hash <> p_prev_hash THEN
        PERFORM consultaid_private.refuse('the entry does not follow the audit log''s last');
    END IF;
    IF NOT consultaid_private.is_owner() THEN
        who := consultaid_private.acting(p_token);
        IF p_actor LIKE 'user:%' THEN
            IF p_action <> 'sign-in-failed' AND who IS NULL THEN
                PERFORM consultaid_private.session_ended();
            END IF;
            IF p_action <> 'sign-in-failed' AND p_actor IS DISTINCT FROM 'user:' || who THEN
                PERFORM consultaid_private.refuse('an entry names its own session''s account');
            END IF;
        ELSIF consultaid_private.personal(p_action) THEN
            PERFORM consultaid_private.refuse('this entry needs an account''s session');
        END IF;
        -- A login that may not write records (the front desk's) states no change to one.
        IF NOT has_table_privilege(session_user, 'public.consultations', 'INSERT')
           AND p_action NOT IN ('sign-in', 'sign-in-failed', 'sign-out', 'lock', 'unlock',
                                'view', 'view-handout', 'reprint', 'list', 'search',
                                'backup', 'export', 'pin-change') THEN
            PERFORM consultaid_private.refuse('this login records no change to a record');
        END IF;
    END IF;
    SELECT * INTO k FROM consultaid_private.server_key WHERE id = 1;
    IF NOT FOUND THEN
        PERFORM consultaid_private.refuse('the server has no MAC key (run records grant)');
    END IF;
    IF p_seq > k.server_from THEN
        SELECT a.server_mac INTO prev FROM public.audit a WHERE a.seq = p_seq - 1;
    END IF;
    INSERT INTO public.audit (seq, at, actor, action, record_id, detail, prev_hash, hash,
                              server_mac)
    VALUES (p_seq, p_at, p_actor, p_action, p_record_id, p_detail, p_prev_hash, p_hash,
            consultaid_private.server_mac(k.key, coalesce(prev, 'start'), p_seq, p_hash));
    UPDATE public.audit_seal SET head_seq = p_seq, head_hash = p_hash, mac = p_seal_mac
     WHERE id = 1;
END $$;

-- `records verify`: the server MAC chain, checked on the server (the key never leaves it).
CREATE OR REPLACE FUNCTION consultaid_api.server_problems() RETURNS SETOF text
LANGUAGE plpgsql STABLE {_DEFINER} AS $$
DECLARE
    k consultaid_private.server_key%ROWTYPE;
    r record;
    prev text := 'start';
BEGIN
    SELECT * INTO k FROM consultaid_private.server_key WHERE id = 1;
    IF NOT FOUND THEN
        RETURN NEXT 'the records server does not enforce the rules yet (run records grant)';
        RETURN;
    END IF;
    FOR r IN SELECT a.seq, a.hash, a.server_mac FROM public.audit a
              WHERE a.seq >= k.server_from ORDER BY a.seq LOOP
        IF r.server_mac IS DISTINCT FROM
           consultaid_private.server_mac(k.key, prev, r.seq, r.hash) THEN
            RETURN NEXT 'audit entry ' || r.seq || ' was not written through the records '
                        'server''s functions (its server seal does not match)';
            RETURN;
        END IF;
        prev := r.server_mac;
    END LOOP;
END $$;

-- Accounts the server holds no PIN verifier for yet (enrolled at their next good PIN).
CREATE OR REPLACE FUNCTION consultaid_api.unenrolled() RETURNS SETOF bigint
LANGUAGE sql STABLE {_DEFINER} AS $$
    SELECT u.id FROM public.users u
     WHERE u.active AND NOT EXISTS (SELECT 1 FROM consultaid_private.pins p
                                    WHERE p.user_id = u.id)
     ORDER BY u.id
$$;

-- (consultaid_private's functions, pgcrypto's among them, are out of reach: no USAGE on the
-- schema. Their privileges are left as they are, so that a backup made without that schema
-- still restores.)
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA consultaid_api FROM PUBLIC;
"""

ROOM_FUNCTIONS = ("sign_in(bigint, text, text, bytea, bytea)", "end_session(text)",
                  "create_account(text, text, text, text, bytea, bytea, text)",
                  "set_active(text, bigint, boolean)",
                  "reset_pin(text, bigint, text, bytea, bytea)",
                  "change_pin(text, text, text, bytea, bytea)",
                  "sign_review(bigint, text, text, text, text, text, text)",
                  "audit_head()",
                  "audit_append(text, bigint, text, text, text, text, text, text, text, text)",
                  "server_problems()", "unenrolled()")
"""What a consultation room's login may EXECUTE (each function checks the session itself)."""
FRONT_DESK_FUNCTIONS = ("sign_in(bigint, text, text, bytea, bytea)", "end_session(text)",
                        "change_pin(text, text, text, bytea, bytea)",
                        "audit_head()",
                        "audit_append(text, bigint, text, text, text, text, text, text, text, "
                        "text)",
                        "server_problems()", "unenrolled()")
"""A front desk's: sign in, change its own PIN, audit its views and reprints, verify. Never
add an account, reset a PIN, (de)activate one or sign a review."""

SERVER_WRITES_ONLY = """
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON users, reviews, audit, audit_seal
            FROM {role};
        REVOKE UPDATE (last_sign_in) ON users FROM {role};
        GRANT USAGE ON SCHEMA consultaid_api TO {role};
        REVOKE ALL ON SCHEMA consultaid_private FROM {role};
"""
"""After either grant: no workstation login writes those four tables itself."""
