-- Quartier database schema.
--
-- This file is the whole current schema: a new database is created from it
-- and gets PRAGMA user_version = the version below.  A database made by an
-- older version is upgraded step by step by the migrations in
-- src/store-migrate.c, never recreated.  Times are Unix seconds (UTC).
--
-- schema-version: 10

CREATE TABLE cities (
	id		INTEGER PRIMARY KEY,
	name		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	created_at	INTEGER NOT NULL
);

CREATE TABLE quartiers (
	id		INTEGER PRIMARY KEY,
	city_id		INTEGER NOT NULL REFERENCES cities(id),
	name		TEXT NOT NULL COLLATE NOCASE,
	created_at	INTEGER NOT NULL,
	UNIQUE (city_id, name)
);

-- The quartiers the sysop declared neighbours (quartier-admin quartier
-- neighbour A B): a lost cat or an alert that its author shares crosses
-- to them, and nothing else does.  Symmetric: each pair is two rows, one
-- from each side, written and removed together.
CREATE TABLE quartier_neighbours (
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	neighbour_id	INTEGER NOT NULL REFERENCES quartiers(id),
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (quartier_id, neighbour_id),
	CHECK (quartier_id != neighbour_id)
) WITHOUT ROWID;

-- A resident belongs to exactly one quartier.  The street address is
-- private: shown only to sysops (and later to moderators of the quartier).
-- NAME_FOLDED is DISPLAY_NAME folded by text_fold() (lower case, no
-- accents, œ as oe): the directory's order and what its prefix matches.
-- The store writes it with every display name, and folds them all again
-- after raw SQL (store_directory_rebuild).
CREATE TABLE residents (
	id		INTEGER PRIMARY KEY,
	handle		TEXT NOT NULL UNIQUE COLLATE NOCASE,
	display_name	TEXT NOT NULL,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	street		TEXT,
	password_hash	TEXT,
	status		TEXT NOT NULL DEFAULT 'pending'
			CHECK (status IN ('pending', 'verified', 'suspended')),
	role		TEXT NOT NULL DEFAULT 'resident'
			CHECK (role IN ('resident', 'helper', 'moderator', 'sysop')),
	language	TEXT CHECK (language IN ('fr', 'en')),
	suspended_until	INTEGER,
	suspend_reason	TEXT,
	created_at	INTEGER NOT NULL,
	verified_at	INTEGER,
	last_login_at	INTEGER,
	signup_source	TEXT,			-- address a signup came from
	name_folded	TEXT
);
-- One quartier's verified residents in the directory's order, with
-- what its prefix is matched against; it serves (quartier_id, status)
-- lookups as well.
CREATE INDEX residents_directory ON residents(quartier_id, status,
	name_folded, id, handle);
CREATE INDEX residents_status ON residents(status, quartier_id);
CREATE INDEX residents_signup ON residents(signup_source, created_at);

CREATE TABLE ssh_keys (
	id		INTEGER PRIMARY KEY,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	algorithm	TEXT NOT NULL,
	key_base64	TEXT NOT NULL,
	fingerprint	TEXT NOT NULL UNIQUE,	-- SHA256:... as OpenSSH prints it
	comment		TEXT,
	created_at	INTEGER NOT NULL,
	last_used_at	INTEGER
);
CREATE INDEX ssh_keys_resident ON ssh_keys(resident_id);

-- One row per way a resident is being (or was) verified for a quartier.
CREATE TABLE verifications (
	id		INTEGER PRIMARY KEY,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	method		TEXT NOT NULL CHECK (method IN ('letter', 'vouch', 'in_person')),
	code_hash	TEXT,			-- letter codes, hashed
	expires_at	INTEGER,
	attempts	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	completed_at	INTEGER,
	verified_by	INTEGER REFERENCES residents(id),
	verified_by_name TEXT			-- a sysop acting from the console
);
CREATE INDEX verifications_resident ON verifications(resident_id, completed_at);

CREATE TABLE vouches (
	id		INTEGER PRIMARY KEY,
	voucher_id	INTEGER NOT NULL REFERENCES residents(id),
	vouchee_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	created_at	INTEGER NOT NULL,
	UNIQUE (voucher_id, vouchee_id, quartier_id)
);
CREATE INDEX vouches_voucher ON vouches(voucher_id, created_at);
CREATE INDEX vouches_vouchee ON vouches(vouchee_id, quartier_id);

-- Groups of residents of one quartier (running on Sunday, the parents of
-- a school): OPEN ones anyone of the quartier joins, the others on
-- request, accepted by the founder or a co-admin.  CLOSED_AT: closed by
-- its founder or by a moderator of the quartier; a closed group is gone
-- from every list.  NAME is unique in the quartier, whatever its case.
CREATE TABLE quartier_groups (
	id		INTEGER PRIMARY KEY,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	name		TEXT NOT NULL COLLATE NOCASE,
	description	TEXT NOT NULL,
	open		INTEGER NOT NULL DEFAULT 1,
	created_at	INTEGER NOT NULL,
	closed_at	INTEGER,
	closed_by	INTEGER REFERENCES residents(id),
	UNIQUE (quartier_id, name)
);
-- ROLE: one founder per group, co-admins, members, and those who asked
-- to join a group on request (pending).
CREATE TABLE group_members (
	group_id	INTEGER NOT NULL REFERENCES quartier_groups(id)
			ON DELETE CASCADE,
	resident_id	INTEGER NOT NULL REFERENCES residents(id)
			ON DELETE CASCADE,
	role		TEXT NOT NULL CHECK (role IN
			('founder', 'admin', 'member', 'pending')),
	since		INTEGER NOT NULL,
	PRIMARY KEY (group_id, resident_id)
) WITHOUT ROWID;
CREATE INDEX group_members_resident ON group_members(resident_id, group_id);

-- Everything residents publish in a quartier.  KIND says which board; the
-- kind-specific tables below hold what only that board needs.
--   post          the neighbourhood wall (category: info, advice, deal,
--                 help, lost, alert)
--   announcement  a sysop announcement pinned on the wall (no author)
--   classified    petites annonces          (table classifieds)
--   lending       prêts et services         (table lendings)
--   event         événements                (table events)
--   address       bonnes adresses           (table addresses; each reply
--                 is one neighbour's recommendation, REPLY_COUNT theirs)
CREATE TABLE items (
	id		INTEGER PRIMARY KEY,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	author_id	INTEGER REFERENCES residents(id),
	kind		TEXT NOT NULL CHECK (kind IN
			('post', 'announcement', 'classified', 'lending', 'event', 'address')),
	category	TEXT NOT NULL,
	title		TEXT NOT NULL,
	body		TEXT NOT NULL,
	pinned		INTEGER NOT NULL DEFAULT 0,
	on_behalf_of	TEXT,			-- a helper posting for a neighbour
	reply_count	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER,
	last_activity_at INTEGER NOT NULL,	-- creation or newest reply
	deleted_at	INTEGER,		-- removed by its author
	hidden_at	INTEGER,		-- hidden by moderation
	hidden_by	INTEGER REFERENCES residents(id),
	hidden_reason	TEXT,
	shared_at	INTEGER			-- shared with the neighbours
);
-- DELETED_AT, HIDDEN_AT and AUTHOR_ID at the end: a board's items are
-- counted (the sysop's stats, the menu's new ads and offers) and filtered
-- for the viewer from the index alone.
CREATE INDEX items_board ON items(quartier_id, kind, created_at, id,
	deleted_at, hidden_at, author_id);
CREATE INDEX items_board_category ON items(quartier_id, kind, category, created_at, id);
-- With what the main menu's unread count looks at (store_wall_unread).
CREATE INDEX items_activity ON items(quartier_id, kind, last_activity_at,
	deleted_at, hidden_at, author_id);
CREATE INDEX items_author ON items(author_id, created_at);
-- The posts their authors shared with the neighbouring quartiers (only
-- "lost" and "alert" ones count), for the walls of those quartiers.
CREATE INDEX items_shared ON items(quartier_id, created_at, id)
	WHERE shared_at IS NOT NULL;

CREATE TABLE classifieds (
	item_id		INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	ad_kind		TEXT NOT NULL CHECK (ad_kind IN ('sell', 'give', 'wanted')),
	price_cents	INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
	status		TEXT NOT NULL DEFAULT 'available'
			CHECK (status IN ('available', 'reserved', 'gone')),
	expires_at	INTEGER NOT NULL,
	quartier_id	INTEGER REFERENCES quartiers(id)
);
CREATE INDEX classifieds_expiry ON classifieds(expires_at);
-- The ads of a quartier still online, whatever their age (an ad renewed
-- stays where it was in the list): a page of them is these, sorted.
CREATE INDEX classifieds_live ON classifieds(quartier_id, expires_at);

CREATE TABLE lendings (
	item_id		INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	direction	TEXT NOT NULL CHECK (direction IN ('offer', 'request')),
	nature		TEXT NOT NULL CHECK (nature IN ('object', 'service'))
);

-- A loan (or a service given) between the item's two sides.  On an offer
-- the lender is the item's author and the borrower asked; on a request
-- the borrower is the author and LENDER_ID is the neighbour who proposed.
-- The item's author accepts or declines in both cases.
CREATE TABLE loans (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	borrower_id	INTEGER NOT NULL REFERENCES residents(id),
	lender_id	INTEGER REFERENCES residents(id),	-- NULL: the author
	status		TEXT NOT NULL DEFAULT 'requested' CHECK (status IN
			('requested', 'accepted', 'declined', 'returned', 'cancelled')),
	requested_at	INTEGER NOT NULL,
	decided_at	INTEGER,
	due_at		INTEGER,
	returned_at	INTEGER,
	merci_at	INTEGER,
	note		TEXT,
	reminded_at	INTEGER			-- overdue reminder mailed
);
CREATE INDEX loans_item ON loans(item_id, status);
CREATE INDEX loans_borrower ON loans(borrower_id, status);
-- Only the loans with a lender: most have none (on an offer the lender is
-- the author), and ANALYZE counting them all under NULL would make this
-- index look useless for "lender_id = ?".
CREATE INDEX loans_lender ON loans(lender_id, status)
	WHERE lender_id IS NOT NULL;

-- CANCEL_REASON is the organiser's, shown on the cancelled event.
CREATE TABLE events (
	item_id		INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	starts_at	INTEGER NOT NULL,
	ends_at		INTEGER,
	place		TEXT NOT NULL,
	capacity	INTEGER CHECK (capacity IS NULL OR capacity > 0),
	cancelled_at	INTEGER,
	cancel_reason	TEXT,
	quartier_id	INTEGER REFERENCES quartiers(id)
);
CREATE INDEX events_start ON events(starts_at);
-- One quartier's events in the order of their start: the archive, newest
-- first, from the index; and the ones not over yet (those that end
-- later, or without an end start today or later) from events_until.
CREATE INDEX events_agenda ON events(quartier_id, starts_at, item_id);
CREATE INDEX events_until ON events(quartier_id, ends_at, starts_at);

-- The QUARTIER_ID of an ad or an event is its item's, which never
-- changes: copied when the row is written, by whoever writes it.
CREATE TRIGGER classifieds_quartier AFTER INSERT ON classifieds BEGIN
	UPDATE classifieds SET quartier_id = (SELECT quartier_id FROM items
		WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;
END;
CREATE TRIGGER events_quartier AFTER INSERT ON events BEGIN
	UPDATE events SET quartier_id = (SELECT quartier_id FROM items
		WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;
END;

-- A bonne adresse: its item holds the kind (items.category, a code of
-- address_kinds[] in store-address.c), the name (title) and how to reach
-- it (body); each live reply is one neighbour's recommendation, at most
-- one each, so that REPLY_COUNT is the number of neighbours who
-- recommend it and the list's order.  PATIENTS is for doctors, dentists
-- and kinés: whether they take new patients, as a neighbour last said
-- (PATIENTS_AT, PATIENTS_BY).  PERSON says that a private person listed
-- is the author ('self') or agreed to be listed ('agreed').  NAME_FOLDED
-- is the name folded by text_fold(): what an address that looks like one
-- already listed is found by.
CREATE TABLE addresses (
	item_id		INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	quartier_id	INTEGER REFERENCES quartiers(id),
	trade		TEXT,
	street		TEXT NOT NULL,
	patients	TEXT CHECK (patients IN ('yes', 'no', 'unknown')),
	patients_at	INTEGER,
	patients_by	INTEGER REFERENCES residents(id),
	person		TEXT CHECK (person IN ('self', 'agreed')),
	name_folded	TEXT NOT NULL
);
CREATE INDEX addresses_name ON addresses(quartier_id, name_folded);
CREATE TRIGGER addresses_quartier AFTER INSERT ON addresses BEGIN
	UPDATE addresses SET quartier_id = (SELECT quartier_id FROM items
		WHERE id = NEW.item_id) WHERE item_id = NEW.item_id;
END;
-- The addresses of a quartier in the list's order (most recommended
-- first), of every kind or of one.
CREATE INDEX items_recommended ON items(quartier_id, reply_count, id)
	WHERE kind = 'address';
CREATE INDEX items_recommended_kind ON items(quartier_id, category,
	reply_count, id) WHERE kind = 'address';

-- A poll carried by an item (a wall post, or any item its author may
-- give one): 2 to 8 choices, one or several to a voter, open until
-- CLOSES_AT (NULL: never).  POLL_VOTES knows who voted, so that each
-- resident votes once and may change their vote; store-poll.c never
-- gives anyone but the voter their own choices, and the counts only.
CREATE TABLE polls (
	item_id		INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
	multiple	INTEGER NOT NULL DEFAULT 0,
	closes_at	INTEGER,
	created_at	INTEGER NOT NULL
);
CREATE TABLE poll_choices (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
	position	INTEGER NOT NULL,
	label		TEXT NOT NULL,
	UNIQUE (item_id, position)
);
CREATE TABLE poll_votes (
	item_id		INTEGER NOT NULL REFERENCES polls(item_id) ON DELETE CASCADE,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	choice_id	INTEGER NOT NULL REFERENCES poll_choices(id) ON DELETE CASCADE,
	voted_at	INTEGER NOT NULL,
	PRIMARY KEY (item_id, resident_id, choice_id)
) WITHOUT ROWID;
CREATE INDEX poll_votes_choice ON poll_votes(choice_id);

CREATE TABLE rsvps (
	event_id	INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	resident_id	INTEGER NOT NULL REFERENCES residents(id),
	answer		TEXT NOT NULL CHECK (answer IN ('yes', 'maybe', 'no')),
	waitlisted	INTEGER NOT NULL DEFAULT 0,
	answered_at	INTEGER NOT NULL,
	PRIMARY KEY (event_id, resident_id)
) WITHOUT ROWID;

CREATE TABLE replies (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	author_id	INTEGER REFERENCES residents(id),
	body		TEXT NOT NULL,
	on_behalf_of	TEXT,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER,
	deleted_at	INTEGER,
	hidden_at	INTEGER,
	hidden_by	INTEGER REFERENCES residents(id),
	hidden_reason	TEXT
);
-- DELETED_AT at the end: replies are counted from the index alone.
CREATE INDEX replies_item ON replies(item_id, created_at, id, deleted_at);

-- What the sysop's numbers count, for each quartier and kind of item:
-- its items and their replies not deleted, and its loans under way
-- (accepted).  Kept by the triggers below in the transaction of every
-- write, whoever writes; counting the tables instead read millions of
-- rows at each look at the console's dashboard.
CREATE TABLE board_totals (
	quartier_id	INTEGER NOT NULL,
	kind		TEXT NOT NULL,
	items		INTEGER NOT NULL DEFAULT 0,
	replies		INTEGER NOT NULL DEFAULT 0,
	loans		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (quartier_id, kind)
) WITHOUT ROWID;
CREATE TRIGGER items_total_add AFTER INSERT ON items
WHEN NEW.deleted_at IS NULL BEGIN
	INSERT INTO board_totals (quartier_id, kind, items)
	VALUES (NEW.quartier_id, NEW.kind, 1)
	ON CONFLICT DO UPDATE SET items = items + 1;
END;
CREATE TRIGGER items_total_delete AFTER UPDATE OF deleted_at ON items
WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL) BEGIN
	INSERT INTO board_totals (quartier_id, kind, items)
	VALUES (NEW.quartier_id, NEW.kind, iif(NEW.deleted_at IS NULL, 1, -1))
	ON CONFLICT DO UPDATE SET items = items + excluded.items;
END;
-- Before: its replies and loans, which go with it, are still there (and
-- their own triggers will not find it).
CREATE TRIGGER items_total_remove BEFORE DELETE ON items BEGIN
	INSERT INTO board_totals (quartier_id, kind, items, replies, loans)
	VALUES (OLD.quartier_id, OLD.kind, -(OLD.deleted_at IS NULL),
		-(SELECT count(*) FROM replies WHERE item_id = OLD.id
		  AND deleted_at IS NULL),
		-(SELECT count(*) FROM loans WHERE item_id = OLD.id
		  AND status = 'accepted'))
	ON CONFLICT DO UPDATE SET items = items + excluded.items,
		replies = replies + excluded.replies,
		loans = loans + excluded.loans;
END;
CREATE TRIGGER replies_total_add AFTER INSERT ON replies
WHEN NEW.deleted_at IS NULL BEGIN
	INSERT INTO board_totals (quartier_id, kind, replies)
	SELECT quartier_id, kind, 1 FROM items WHERE id = NEW.item_id
	ON CONFLICT DO UPDATE SET replies = replies + 1;
END;
CREATE TRIGGER replies_total_delete AFTER UPDATE OF deleted_at ON replies
WHEN (OLD.deleted_at IS NULL) != (NEW.deleted_at IS NULL) BEGIN
	INSERT INTO board_totals (quartier_id, kind, replies)
	SELECT quartier_id, kind, iif(NEW.deleted_at IS NULL, 1, -1)
	FROM items WHERE id = NEW.item_id
	ON CONFLICT DO UPDATE SET replies = replies + excluded.replies;
END;
CREATE TRIGGER replies_total_remove AFTER DELETE ON replies
WHEN OLD.deleted_at IS NULL BEGIN
	INSERT INTO board_totals (quartier_id, kind, replies)
	SELECT quartier_id, kind, -1 FROM items WHERE id = OLD.item_id
	ON CONFLICT DO UPDATE SET replies = replies - 1;
END;
CREATE TRIGGER loans_total_add AFTER INSERT ON loans
WHEN NEW.status = 'accepted' BEGIN
	INSERT INTO board_totals (quartier_id, kind, loans)
	SELECT quartier_id, kind, 1 FROM items WHERE id = NEW.item_id
	ON CONFLICT DO UPDATE SET loans = loans + 1;
END;
CREATE TRIGGER loans_total_status AFTER UPDATE OF status ON loans
WHEN (OLD.status = 'accepted') != (NEW.status = 'accepted') BEGIN
	INSERT INTO board_totals (quartier_id, kind, loans)
	SELECT quartier_id, kind, iif(NEW.status = 'accepted', 1, -1)
	FROM items WHERE id = NEW.item_id
	ON CONFLICT DO UPDATE SET loans = loans + excluded.loans;
END;
CREATE TRIGGER loans_total_remove AFTER DELETE ON loans
WHEN OLD.status = 'accepted' BEGIN
	INSERT INTO board_totals (quartier_id, kind, loans)
	SELECT quartier_id, kind, -1 FROM items WHERE id = OLD.item_id
	ON CONFLICT DO UPDATE SET loans = loans - 1;
END;

-- Private mail.  Each side deletes only its own copy.  THREAD_ID is the
-- first message of the conversation (its own id for the first); a NULL
-- sender is Quartier itself (reminders and notices).
CREATE TABLE messages (
	id		INTEGER PRIMARY KEY,
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	thread_id	INTEGER REFERENCES messages(id),	-- its first message
	sender_id	INTEGER REFERENCES residents(id),
	recipient_id	INTEGER NOT NULL REFERENCES residents(id),
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	from_moderation	INTEGER NOT NULL DEFAULT 0,
	about_item_id	INTEGER REFERENCES items(id),
	created_at	INTEGER NOT NULL,
	read_at		INTEGER,
	sender_deleted	INTEGER NOT NULL DEFAULT 0,
	recipient_deleted INTEGER NOT NULL DEFAULT 0,
	hidden_at	INTEGER,
	hidden_by	INTEGER REFERENCES residents(id),
	hidden_reason	TEXT
);
CREATE INDEX messages_inbox ON messages(recipient_id, recipient_deleted, created_at);
CREATE INDEX messages_sent ON messages(sender_id, sender_deleted, created_at);
CREATE INDEX messages_thread ON messages(thread_id, created_at);
CREATE INDEX messages_about ON messages(about_item_id);
-- One quartier's mail, counted for the sysop (store_stats).
CREATE INDEX messages_quartier ON messages(quartier_id);

CREATE TABLE blocks (
	blocker_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	blocked_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	created_at	INTEGER NOT NULL,
	PRIMARY KEY (blocker_id, blocked_id)
) WITHOUT ROWID;

CREATE TABLE reports (
	id		INTEGER PRIMARY KEY,
	reporter_id	INTEGER NOT NULL REFERENCES residents(id),
	quartier_id	INTEGER NOT NULL REFERENCES quartiers(id),
	target_kind	TEXT NOT NULL CHECK (target_kind IN
			('item', 'reply', 'message', 'resident')),
	target_id	INTEGER NOT NULL,
	reason		TEXT NOT NULL,
	created_at	INTEGER NOT NULL,
	resolved_at	INTEGER,
	resolved_by	INTEGER REFERENCES residents(id),
	resolution	TEXT
);
CREATE INDEX reports_open ON reports(quartier_id, resolved_at, created_at);
CREATE INDEX reports_target ON reports(target_kind, target_id, resolved_at);
CREATE INDEX reports_unresolved ON reports(created_at)
	WHERE resolved_at IS NULL;

-- Who did what, when and why: every moderation action and every sysop
-- action on residents.  ACTOR_NAME keeps console sysops without an account.
CREATE TABLE moderation_log (
	id		INTEGER PRIMARY KEY,
	actor_id	INTEGER REFERENCES residents(id),
	actor_name	TEXT NOT NULL,
	quartier_id	INTEGER REFERENCES quartiers(id),
	action		TEXT NOT NULL,
	target_kind	TEXT NOT NULL,
	target_id	INTEGER NOT NULL,
	reason		TEXT NOT NULL,
	created_at	INTEGER NOT NULL
);
CREATE INDEX moderation_log_time ON moderation_log(quartier_id, created_at);

-- An item is unread for a resident when it has no mark, or when it saw
-- activity (a reply) after the mark.
CREATE TABLE read_marks (
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	item_id		INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
	read_at		INTEGER NOT NULL,
	PRIMARY KEY (resident_id, item_id)
) WITHOUT ROWID;
CREATE INDEX read_marks_item ON read_marks(item_id);

-- Per resident and board: when they last came (for "new since your last
-- visit") and the horizon before which nothing counts as unread (their
-- arrival, or the last "mark all as read").
CREATE TABLE board_visits (
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	board		TEXT NOT NULL,
	last_visit_at	INTEGER,
	previous_visit_at INTEGER,
	read_horizon	INTEGER NOT NULL,
	PRIMARY KEY (resident_id, board)
) WITHOUT ROWID;

-- One row per running UI process, for "who is online".
CREATE TABLE live_sessions (
	id		INTEGER PRIMARY KEY,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	pid		INTEGER NOT NULL,
	origin		TEXT NOT NULL,		-- ssh, terminal, kiosk, console
	source		TEXT,			-- remote address for ssh
	started_at	INTEGER NOT NULL,
	seen_at		INTEGER NOT NULL
);
CREATE INDEX live_sessions_resident ON live_sessions(resident_id);
CREATE INDEX live_sessions_seen ON live_sessions(seen_at);

-- What a resident was writing and has neither sent nor thrown away, kept
-- as they type and offered back at their next login.  SCREEN names the
-- editor (compose, mail-compose, ad-form, event-form, lending-form) and
-- TARGET_ID what it answers or edits (0: nothing); FIELDS holds the
-- editor's fields as NUL-ended name and value pairs; LABEL (the editor's
-- title then) and SUMMARY (its title or first words) are what the offer
-- shows.  Only the writer ever reads them.
CREATE TABLE drafts (
	id		INTEGER PRIMARY KEY,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	screen		TEXT NOT NULL,
	target_id	INTEGER NOT NULL DEFAULT 0,
	label		TEXT NOT NULL,
	summary		TEXT NOT NULL,
	fields		BLOB NOT NULL,
	created_at	INTEGER NOT NULL,
	updated_at	INTEGER NOT NULL
);
CREATE INDEX drafts_resident ON drafts(resident_id, updated_at);

-- Search across the boards (FTS5).  One row per item and per reply,
-- numbered in the order they were written (a new one gets the highest
-- id, an edited one keeps its own: the newest match is the highest), with
-- its text folded by text_fold() (lower case, no accents, œ as oe) so that
-- "eleve" finds "élève"; a deleted or hidden one has empty texts.  Kept in
-- step by store-search.c with every write.
CREATE TABLE search_rows (
	id		INTEGER PRIMARY KEY,
	item_id		INTEGER NOT NULL,
	reply_id	INTEGER NOT NULL,	-- 0: the item itself
	quartier_id	INTEGER NOT NULL,
	board		INTEGER NOT NULL,	-- enum search_board (store.h)
	title		TEXT NOT NULL,
	body		TEXT NOT NULL
);
CREATE UNIQUE INDEX search_rows_of ON search_rows(item_id, reply_id);
-- What the index reads: each text behind its quartier's mark ("00012:"),
-- which the tokenizer "quartier" of store-search.c puts inside every
-- token ("00012:velo"), so that a query only ever matches one quartier
-- and a prefix ranges over that quartier's words only.  The prefix
-- indexes serve prefixes of one and two letters (the mark is six
-- characters long up to quartier 99999).  Only Quartier's own connections
-- have that tokenizer: the sqlite3 shell cannot read this table.
CREATE VIEW search_text AS SELECT id,
	printf('%05d:', quartier_id) || title AS title,
	printf('%05d:', quartier_id) || body AS body FROM search_rows;
CREATE VIRTUAL TABLE search USING fts5(title, body, content = 'search_text',
	content_rowid = 'id', tokenize = 'quartier remove_diacritics 2',
	prefix = '7 8');
-- Each word of a quartier's rows and the number of rows that hold it (the
-- word '' counts the rows with any text): what a prefix is expanded into,
-- and the weight of each word when results are ranked.
CREATE TABLE search_words (
	quartier_id	INTEGER NOT NULL,
	word		TEXT NOT NULL,
	row_count	INTEGER NOT NULL,
	PRIMARY KEY (quartier_id, word)
) WITHOUT ROWID;

-- What changed where, for the sessions watching: one counter per quartier
-- and board, bumped by the triggers below in the transaction of every
-- write that changes what the board shows, whoever writes.  A session
-- polls its quartier's rows and reloads its screen only when a board that
-- screen shows moved (src/store-changes.c).  BOARD is the kind of item
-- (items.kind) for the boards of items, else 'mail', 'residents' (who is
-- waiting, vouched, verified) or 'reports' (moderation).  RESIDENT_ID is 0
-- for the whole quartier; mail is counted per resident, its recipient's
-- and its sender's, so that a message wakes only their sessions.
CREATE TABLE changes (
	quartier_id	INTEGER NOT NULL,
	resident_id	INTEGER NOT NULL,
	board		TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (quartier_id, resident_id, board)
) WITHOUT ROWID;
CREATE TRIGGER items_change_add AFTER INSERT ON items BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, NEW.kind, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER items_change_edit AFTER UPDATE ON items BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, NEW.kind, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER items_change_remove AFTER DELETE ON items BEGIN
	INSERT INTO changes VALUES (OLD.quartier_id, 0, OLD.kind, 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER replies_change_add AFTER INSERT ON replies BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER replies_change_edit AFTER UPDATE ON replies BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER replies_change_remove AFTER DELETE ON replies BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = OLD.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- An ad's status and renewal, a lending item's terms, an event's date or
-- cancellation: the rows beside the item.
CREATE TRIGGER classifieds_change AFTER UPDATE ON classifieds BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER lendings_change AFTER UPDATE ON lendings BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER events_change AFTER UPDATE ON events BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER loans_change_add AFTER INSERT ON loans BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER loans_change_edit AFTER UPDATE ON loans BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER loans_change_remove AFTER DELETE ON loans BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = OLD.item_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER rsvps_change_add AFTER INSERT ON rsvps BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.event_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER rsvps_change_edit AFTER UPDATE ON rsvps BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = NEW.event_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER rsvps_change_remove AFTER DELETE ON rsvps BEGIN
	INSERT INTO changes SELECT quartier_id, 0, kind, 1 FROM items
	WHERE id = OLD.event_id ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- A message (written, read, deleted, hidden) for its two sides only.
CREATE TRIGGER messages_change_add AFTER INSERT ON messages BEGIN
	INSERT INTO changes SELECT NEW.quartier_id, value, 'mail', 1
	FROM json_each(json_array(NEW.recipient_id, NEW.sender_id))
	WHERE value IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER messages_change_edit AFTER UPDATE ON messages BEGIN
	INSERT INTO changes SELECT NEW.quartier_id, value, 'mail', 1
	FROM json_each(json_array(NEW.recipient_id, NEW.sender_id))
	WHERE value IS NOT NULL ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- Who lives here: a signup, a verification, a suspension, a move (both
-- quartiers), a new role or name; not a login or a password.
CREATE TRIGGER residents_change_add AFTER INSERT ON residents BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'residents', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER residents_change_edit AFTER UPDATE OF status, quartier_id,
	role, display_name ON residents BEGIN
	INSERT INTO changes SELECT DISTINCT value, 0, 'residents', 1
	FROM json_each(json_array(OLD.quartier_id, NEW.quartier_id))
	WHERE true ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER vouches_change_add AFTER INSERT ON vouches BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'residents', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER vouches_change_remove AFTER DELETE ON vouches BEGIN
	INSERT INTO changes VALUES (OLD.quartier_id, 0, 'residents', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER verifications_change_add AFTER INSERT ON verifications BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'residents', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER verifications_change_edit AFTER UPDATE ON verifications
BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'residents', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER reports_change_add AFTER INSERT ON reports BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'reports', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER reports_change_edit AFTER UPDATE ON reports BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'reports', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER moderation_log_change AFTER INSERT ON moderation_log
WHEN NEW.quartier_id IS NOT NULL BEGIN
	INSERT INTO changes VALUES (NEW.quartier_id, 0, 'reports', 1)
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- A post shared across borders shows on the walls of the neighbours too:
-- sharing it, its edits, hiding it and the replies to it move theirs.
CREATE TRIGGER items_change_shared AFTER UPDATE ON items
WHEN NEW.shared_at IS NOT NULL OR OLD.shared_at IS NOT NULL BEGIN
	INSERT INTO changes SELECT qn.neighbour_id, 0, NEW.kind, 1
	FROM quartier_neighbours qn WHERE qn.quartier_id = NEW.quartier_id
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER replies_change_shared AFTER INSERT ON replies BEGIN
	INSERT INTO changes SELECT qn.neighbour_id, 0, i.kind, 1
	FROM items i JOIN quartier_neighbours qn
	ON qn.quartier_id = i.quartier_id
	WHERE i.id = NEW.item_id AND i.shared_at IS NOT NULL
	ON CONFLICT DO UPDATE SET n = n + 1;
END;
-- E-mail notices (quartier(1), "E-mail notices"; quartier-admin(8),
-- "notify").  A resident has one address at most; until the code sent
-- there is typed back (CODE_HASH: BLAKE2b of the resident and the code,
-- valid until CODE_EXPIRES_AT, CODE_TRIES wrong ones so far) nothing but
-- that code is sent to it.  Nobody else ever reads it; sysops see whether
-- it is verified.
CREATE TABLE email_addresses (
	resident_id	INTEGER PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
	address		TEXT NOT NULL,
	verified_at	INTEGER,
	code_hash	TEXT,
	code_expires_at	INTEGER,
	code_tries	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL
);
-- What each kind of notice does: sent at once, kept for the digest, or
-- nothing.  A kind without a row has its default (src/store-email.c).
CREATE TABLE notice_choices (
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	kind		TEXT NOT NULL CHECK (kind IN ('message', 'reply', 'loan',
			'event', 'alert', 'moderation')),
	delivery	TEXT NOT NULL CHECK (delivery IN ('now', 'digest', 'never')),
	PRIMARY KEY (resident_id, kind)
) WITHOUT ROWID;
-- The digest's rhythm and hour (in the configured time zone), and
-- whether a private message's own text may be put in an e-mail.
CREATE TABLE mail_settings (
	resident_id	INTEGER PRIMARY KEY REFERENCES residents(id) ON DELETE CASCADE,
	digest		TEXT NOT NULL DEFAULT 'weekly'
			CHECK (digest IN ('never', 'daily', 'weekly')),
	digest_hour	INTEGER NOT NULL DEFAULT 18
			CHECK (digest_hour BETWEEN 0 AND 23),
	message_text	INTEGER NOT NULL DEFAULT 0,
	last_digest_at	INTEGER
);
-- The outbox: each e-mail, written in the transaction of what caused it,
-- in the recipient's language, and handed to sendmail(8) by
-- quartier-admin notify.  STATE goes waiting -> sending (MESSAGE_ID
-- and SENT_AT given, committed before the hand-over) -> sent; a failed
-- hand-over goes back to waiting until NEXT_TRY_AT, or to failed after
-- the last try; a row found in sending by the next run was perhaps
-- handed over before a crash, and becomes unsure: never sent again.
CREATE TABLE outbox (
	id		INTEGER PRIMARY KEY,
	resident_id	INTEGER NOT NULL REFERENCES residents(id) ON DELETE CASCADE,
	address		TEXT NOT NULL,
	kind		TEXT NOT NULL,		-- a notice kind, 'address'
	language	TEXT NOT NULL CHECK (language IN ('fr', 'en')),
	subject		TEXT NOT NULL,
	body		TEXT NOT NULL,
	state		TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN
			('waiting', 'sending', 'sent', 'unsure', 'failed')),
	message_id	TEXT,
	tries		INTEGER NOT NULL DEFAULT 0,
	next_try_at	INTEGER NOT NULL,
	last_error	TEXT,
	created_at	INTEGER NOT NULL,
	sent_at		INTEGER
);
CREATE INDEX outbox_due ON outbox(state, next_try_at);
CREATE INDEX outbox_resident ON outbox(resident_id, sent_at);
CREATE INDEX outbox_address ON outbox(address, sent_at);
