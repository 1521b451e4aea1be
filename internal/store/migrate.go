package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// migration is one versioned, idempotent change to the database schema.
// Statements use IF NOT EXISTS / MERGE so that re-running a migration whose
// record was lost, or two processes migrating at once, is harmless.
type migration struct {
	Version    int
	Name       string
	Statements []string
}

// migrations must only ever be appended to; a released version never changes.
var migrations = []migration{
	{1, "unique ids", []string{
		"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (n:Organisation) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT experience_id IF NOT EXISTS FOR (n:Experience) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT collaboration_id IF NOT EXISTS FOR (n:Collaboration) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT sector_code IF NOT EXISTS FOR (n:Sector) REQUIRE n.code IS UNIQUE",
		"CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (n:Migration) REQUIRE n.version IS UNIQUE",
	}},
	{2, "lookup indexes", []string{
		// Lists are ordered by name then id; these make the ordering and
		// the common filters index-backed.
		"CREATE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name)",
		"CREATE INDEX person_region IF NOT EXISTS FOR (n:Person) ON (n.region)",
		"CREATE INDEX organisation_name IF NOT EXISTS FOR (n:Organisation) ON (n.name)",
		"CREATE INDEX organisation_region IF NOT EXISTS FOR (n:Organisation) ON (n.region)",
		"CREATE INDEX organisation_kind IF NOT EXISTS FOR (n:Organisation) ON (n.kind)",
		"CREATE INDEX collaboration_title IF NOT EXISTS FOR (n:Collaboration) ON (n.title)",
		"CREATE INDEX collaboration_phase IF NOT EXISTS FOR (n:Collaboration) ON (n.phase)",
		"CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name)",
	}},
	{3, "full-text search", []string{
		"CREATE FULLTEXT INDEX person_text IF NOT EXISTS FOR (n:Person) ON EACH [n.name, n.headline]",
		"CREATE FULLTEXT INDEX organisation_text IF NOT EXISTS FOR (n:Organisation) ON EACH [n.name, n.description]",
		"CREATE FULLTEXT INDEX collaboration_text IF NOT EXISTS FOR (n:Collaboration) ON EACH [n.title, n.description]",
		"CREATE FULLTEXT INDEX topic_text IF NOT EXISTS FOR (n:Topic) ON EACH [n.name, n.nameFi, n.description]",
	}},
	{4, "sectors", []string{
		`UNWIND [
		   {code: 'PUBLIC',   fi: 'julkinen sektori',  sv: 'offentlig sektor', en: 'public sector'},
		   {code: 'PRIVATE',  fi: 'yksityinen sektori', sv: 'privat sektor',   en: 'private sector'},
		   {code: 'THIRD',    fi: 'kolmas sektori',     sv: 'tredje sektorn',  en: 'third sector'},
		   {code: 'ACADEMIA', fi: 'korkeakoulut ja tutkimus', sv: 'högskolor och forskning', en: 'academia and research'}
		 ] AS s
		 MERGE (n:Sector {code: s.code})
		 SET n.nameFi = s.fi, n.nameSv = s.sv, n.nameEn = s.en`,
	}},
	{5, "unique names regardless of case", []string{
		// The check-then-create in the store gives a helpful message; the
		// constraint on the normalised name makes it hold under concurrency.
		"MATCH (n:Organisation) SET n.nameKey = toLower(trim(n.name))",
		"MATCH (n:Topic) SET n.nameKey = toLower(trim(n.name))",
		"CREATE CONSTRAINT organisation_name_key IF NOT EXISTS FOR (n:Organisation) REQUIRE n.nameKey IS UNIQUE",
		"CREATE CONSTRAINT topic_name_key IF NOT EXISTS FOR (n:Topic) REQUIRE n.nameKey IS UNIQUE",
	}},
	{6, "workshops", []string{
		"CREATE CONSTRAINT workshop_id IF NOT EXISTS FOR (n:Workshop) REQUIRE n.id IS UNIQUE",
		// Workshop lists are ordered by date.
		"CREATE INDEX workshop_date IF NOT EXISTS FOR (n:Workshop) ON (n.date)",
	}},
	{7, "sector-pair days of people", append(sectorPairIndexes(),
		// Backfill; from now on the writes keep them (derived.go).
		"MATCH (p:Person)"+refreshStintValues)},
	{8, "stint summaries of people", []string{
		// Backfill; the same refresh as the sector-pair days keeps them.
		"MATCH (p:Person)" + refreshStintValues}},
	{9, "partner sectors of collaborations", []string{
		// Backfill; collaboration and organisation writes keep them.
		"MATCH (c:Collaboration)" + refreshPartnerSectors}},
	{10, "partnership calls", []string{
		"CREATE CONSTRAINT call_id IF NOT EXISTS FOR (n:PartnershipCall) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX call_title IF NOT EXISTS FOR (n:PartnershipCall) ON (n.title)",
		"CREATE FULLTEXT INDEX call_text IF NOT EXISTS FOR (n:PartnershipCall) ON EACH [n.title, n.description]",
		"CREATE CONSTRAINT call_response_id IF NOT EXISTS FOR (n:CallResponse) REQUIRE n.id IS UNIQUE",
		// One response per organisation per call, under concurrency too.
		"CREATE CONSTRAINT call_response_key IF NOT EXISTS FOR (n:CallResponse) REQUIRE n.key IS UNIQUE",
	}},
	{11, "introductions", []string{
		"CREATE CONSTRAINT introduction_id IF NOT EXISTS FOR (n:Introduction) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX introduction_key IF NOT EXISTS FOR (n:Introduction) ON (n.key)",
	}},
	{12, "inbox", []string{
		"CREATE CONSTRAINT inbox_item_id IF NOT EXISTS FOR (n:InboxItem) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX inbox_item_person IF NOT EXISTS FOR (n:InboxItem) ON (n.recipientPerson)",
		"CREATE INDEX inbox_item_org IF NOT EXISTS FOR (n:InboxItem) ON (n.recipientOrg)",
	}},
	{14, "idempotency keys", []string{
		// Two retries racing: the second CREATE fails (CONFLICT), not a
		// second record (idempotency.go).
		"CREATE CONSTRAINT idempotency_key IF NOT EXISTS FOR (n:IdempotencyKey) REQUIRE n.key IS UNIQUE"}},
	{15, "last phase change of collaborations", []string{
		// Backfill; the writes that append a phase change keep it.
		"MATCH (c:Collaboration)" + refreshLastPhaseChange,
		"CREATE INDEX collaboration_last_phase_change IF NOT EXISTS FOR (n:Collaboration) ON (n.lastPhaseChangeAt)",
		"CREATE INDEX collaboration_note_author IF NOT EXISTS FOR (n:CollaborationNote) ON (n.author)",
	}},
	{16, "translator counts per sector pair", translatorCountIndexes()},
	{19, "import sources", []string{
		// tulkki import --sync removes a source's stints, partners and
		// contributors that left its files (store/imports.go).
		"CREATE INDEX experience_source IF NOT EXISTS FOR (n:Experience) ON (n.source)",
		"CREATE INDEX partner_source IF NOT EXISTS FOR ()-[r:PARTNER_IN]-() ON (r.source)",
		"CREATE INDEX contributor_source IF NOT EXISTS FOR ()-[r:CONTRIBUTED_TO]-() ON (r.source)",
	}},
	{21, "inbox items of the person who asked", []string{
		// inboxWhere: the items of an introduction's from organisation are
		// its requester's too.
		"CREATE INDEX inbox_item_requester IF NOT EXISTS FOR (n:InboxItem) ON (n.requester)",
	}},
}

// createdMeanwhile reports whether err says that the index or constraint a
// `CREATE … IF NOT EXISTS` statement makes was created by someone else while
// the statement ran: two processes migrating one fresh database at once
// (servers starting together, test packages run in parallel) race there,
// and Neo4j refuses the loser instead of doing nothing. The rule exists,
// which is what the statement asked for.
func createdMeanwhile(err error) bool {
	var neoErr *neo4j.Neo4jError
	return errors.As(err, &neoErr) && (neoErr.Code == "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists" ||
		neoErr.Code == "Neo.ClientError.Schema.IndexAlreadyExists" ||
		neoErr.Code == "Neo.ClientError.Schema.ConstraintAlreadyExists")
}

// MigrationResult says what Migrate did.
type MigrationResult struct {
	Applied []int
	Current int
}

// Migrate applies every migration not yet recorded in the graph, in order.
// Schema statements cannot share a transaction with data writes in Neo4j, so
// each statement runs in its own transaction and the version is recorded
// last: an interrupted migration is simply run again next time.
func (s *Store) Migrate(ctx context.Context) (MigrationResult, error) {
	return s.migrate(ctx, migrateOptions{awaitIndexes: 300 * time.Second})
}

// MigrateAfterBulkLoad is Migrate for a database just loaded offline from
// an OfflineWriter's files: the same migrations are applied and recorded,
// except the backfills of derived values (derivedBackfills), which the
// writer computed already and which on a large graph would each be one
// huge transaction. It waits as long as the indexes take to populate
// (minutes at a million people), reporting its progress to progress:
// step "constraints" (done of total statements, each of which fills its
// constraint's index), then "indexes" (per cent populated, of 100).
func (s *Store) MigrateAfterBulkLoad(ctx context.Context, progress func(step string, done, total int)) (MigrationResult, error) {
	return s.migrate(ctx, migrateOptions{skipDerivedBackfills: true, awaitIndexes: 2 * time.Hour, indexProgress: progress})
}

// derivedBackfills are the migration statements that only recompute
// values derived.go keeps: the refresh of every person's stint values, of
// every collaboration's partner sectors and last phase change.
var derivedBackfills = map[string]bool{
	"MATCH (p:Person)" + refreshStintValues:            true,
	"MATCH (c:Collaboration)" + refreshPartnerSectors:  true,
	"MATCH (c:Collaboration)" + refreshLastPhaseChange: true,
}

type migrateOptions struct {
	skipDerivedBackfills bool
	awaitIndexes         time.Duration
	indexProgress        func(step string, done, total int)
}

// HasData reports whether the graph holds anything besides what
// migrations create (sectors and migration records).
func (s *Store) HasData(ctx context.Context) (bool, error) {
	return readTx(ctx, s, func(tx neo4j.ManagedTransaction) (bool, error) {
		recs, err := s.collect(ctx, tx, "MATCH (n) WHERE NOT (n:Sector OR n:Migration) RETURN n.id AS id LIMIT 1", nil)
		return len(recs) > 0, err
	})
}

func (s *Store) migrate(ctx context.Context, opts migrateOptions) (MigrationResult, error) {
	var res MigrationResult
	applied, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (map[int]string, error) {
		recs, err := s.collect(ctx, tx, "MATCH (m:Migration) RETURN m.version AS v, m.name AS name", nil)
		if err != nil {
			return nil, err
		}
		out := map[int]string{}
		for _, r := range recs {
			v, _ := recordValue(r, "v").(int64)
			name, _ := recordValue(r, "name").(string)
			out[int(v)] = name
		}
		return out, nil
	})
	if err != nil {
		return res, fmt.Errorf("read applied migrations: %w", err)
	}
	if err := checkRecordedMigrations(applied); err != nil {
		return res, err
	}
	var deferred []string   // index statements of a bulk load's migrations
	var pending []migration // a bulk load's migrations, recorded at the end
	done, total := 0, 0     // a bulk load's other statements, for its progress
	if opts.skipDerivedBackfills {
		for _, m := range migrations {
			if _, ok := applied[m.Version]; !ok {
				for _, stmt := range m.Statements {
					switch {
					case isIndexStatement(stmt):
						deferred = append(deferred, stmt)
					case !derivedBackfills[stmt]:
						total++
					}
				}
			}
		}
	}
	// After a bulk load, the indexes (not the constraints) are created
	// first, in one transaction: Neo4j then fills them all in one scan of
	// the store instead of one scan each (about fifty), in the background
	// while the constraints below fill theirs (one at a time: each
	// constraint's index is filled as it is created, and the two overlap
	// on the machine's cores). The migrations are recorded only at the
	// end, so an interrupted run is simply run again.
	if len(deferred) > 0 {
		if _, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
			for _, stmt := range deferred {
				if _, err := s.collect(ctx, tx, stmt, nil); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, nil
		}); err != nil {
			return res, fmt.Errorf("create indexes: %w", err)
		}
	}
	for _, m := range migrations {
		res.Current = m.Version
		if _, done := applied[m.Version]; done {
			continue
		}
		for i, stmt := range m.Statements {
			if opts.skipDerivedBackfills && derivedBackfills[stmt] {
				continue
			}
			if opts.skipDerivedBackfills && isIndexStatement(stmt) {
				continue // created above
			}
			if _, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
				_, err := s.collect(ctx, tx, stmt, nil)
				return struct{}{}, err
			}); err != nil && !createdMeanwhile(err) {
				return res, fmt.Errorf("migration %d (%s) statement %d: %w", m.Version, m.Name, i+1, err)
			}
			if opts.indexProgress != nil {
				done++
				opts.indexProgress("constraints", done, total)
			}
		}
		if opts.skipDerivedBackfills {
			pending = append(pending, m)
			continue
		}
		if err := s.recordMigration(ctx, m); err != nil {
			return res, err
		}
		res.Applied = append(res.Applied, m.Version)
	}
	for _, m := range pending {
		if err := s.recordMigration(ctx, m); err != nil {
			return res, err
		}
		res.Applied = append(res.Applied, m.Version)
	}
	// Full-text and range indexes populate in the background; wait so the
	// first search after start-up sees every node.
	if opts.indexProgress != nil {
		if err := s.awaitIndexes(ctx, opts.awaitIndexes, opts.indexProgress); err != nil {
			return res, fmt.Errorf("wait for indexes: %w", err)
		}
		return res, nil
	}
	if _, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		_, err := s.collect(ctx, tx, fmt.Sprintf("CALL db.awaitIndexes(%d)", int(opts.awaitIndexes.Seconds())), nil)
		return struct{}{}, err
	}); err != nil {
		return res, fmt.Errorf("wait for indexes: %w", err)
	}
	return res, nil
}

// recordMigration records that m is applied.
func (s *Store) recordMigration(ctx context.Context, m migration) error {
	if _, err := writeTx(ctx, s, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		_, err := s.collect(ctx, tx,
			"MERGE (m:Migration {version: $v}) ON CREATE SET m.name = $name, m.appliedAt = datetime()",
			map[string]any{"v": m.Version, "name": m.Name})
		return struct{}{}, err
	}); err != nil {
		return fmt.Errorf("record migration %d: %w", m.Version, err)
	}
	s.log.InfoContext(ctx, "migration applied", "version", m.Version, "name", m.Name)
	return nil
}

// isIndexStatement reports whether stmt creates an index (not a
// constraint, whose index Neo4j fills as the constraint is created).
func isIndexStatement(stmt string) bool {
	return strings.HasPrefix(stmt, "CREATE INDEX ") || strings.HasPrefix(stmt, "CREATE RANGE INDEX ") ||
		strings.HasPrefix(stmt, "CREATE FULLTEXT INDEX ")
}

// awaitIndexes polls the indexes' population until every one is online,
// reporting the mean per cent populated as step "indexes", for at most
// limit.
func (s *Store) awaitIndexes(ctx context.Context, limit time.Duration, progress func(step string, done, total int)) error {
	deadline := time.Now().Add(limit)
	for {
		state, err := readTx(ctx, s, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
			recs, err := s.collect(ctx, tx, `SHOW INDEXES YIELD state, populationPercent
RETURN avg(populationPercent) AS percent, count(*) AS indexes, sum(CASE state WHEN 'ONLINE' THEN 1 ELSE 0 END) AS online,
       collect(CASE WHEN state = 'FAILED' THEN state END) AS failed`, nil)
			if err != nil {
				return nil, err
			}
			return recs[0], nil
		})
		if err != nil {
			return err
		}
		percent, _ := recordValue(state, "percent").(float64)
		indexes, _ := recordValue(state, "indexes").(int64)
		online, _ := recordValue(state, "online").(int64)
		if failed, _ := recordValue(state, "failed").([]any); len(failed) > 0 {
			return fmt.Errorf("%d index(es) failed to populate (SHOW INDEXES says why)", len(failed))
		}
		if online == indexes {
			progress("indexes", 100, 100)
			return nil
		}
		progress("indexes", min(int(percent), 99), 100)
		if time.Now().After(deadline) {
			return fmt.Errorf("indexes not online after %s (%d of %d)", limit, online, indexes)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// checkRecordedMigrations refuses a database whose recorded migrations
// disagree with this build's: the same version under another name means it
// was migrated by a diverging build (a branch that numbered its own
// migration alike), and skipping "applied" versions would then leave this
// build's backfills undone without a word.
func checkRecordedMigrations(recorded map[int]string) error {
	for _, m := range migrations {
		if name, ok := recorded[m.Version]; ok && name != m.Name {
			return fmt.Errorf("migration %d is recorded in the database as %q, but this build's migration %d is %q: "+
				"the database was migrated by a different build of Tulkki; use a database of its own "+
				"(scripts/neo4j.sh reset deletes a local instance's data)", m.Version, name, m.Version, m.Name)
		}
	}
	return nil
}

// LatestMigration is the newest schema version this binary knows.
func LatestMigration() int { return migrations[len(migrations)-1].Version }
