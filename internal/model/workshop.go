package model

import (
	"cmp"
	"io"
	"slices"
	"time"
)

// WorkshopRole is what a participant does at a workshop.
type WorkshopRole string

const (
	// RoleOrganisationRep speaks for their organisation at a table.
	RoleOrganisationRep WorkshopRole = "ORGANISATION_REP"
	// RoleTranslator bridges the sectors at a table.
	RoleTranslator WorkshopRole = "TRANSLATOR"
)

// AllWorkshopRoles lists the workshop roles.
var AllWorkshopRoles = []WorkshopRole{RoleOrganisationRep, RoleTranslator}

func (e WorkshopRole) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *WorkshopRole) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "WorkshopRole", AllWorkshopRoles)
	return err
}

// UnmetConstraintCode names a planning constraint a workshop does not meet.
type UnmetConstraintCode string

const (
	UnmetSectorMissing          UnmetConstraintCode = "SECTOR_MISSING"
	UnmetSectorUnderrepresented UnmetConstraintCode = "SECTOR_UNDERREPRESENTED"
	UnmetSizeNotReached         UnmetConstraintCode = "SIZE_NOT_REACHED"
	UnmetMustIncludeNotPlaced   UnmetConstraintCode = "MUST_INCLUDE_NOT_PLACED"
	UnmetTableSingleSector      UnmetConstraintCode = "TABLE_SINGLE_SECTOR"
	UnmetTableNoUnusualPairing  UnmetConstraintCode = "TABLE_NO_UNUSUAL_PAIRING"
	UnmetTableNoTranslator      UnmetConstraintCode = "TABLE_NO_TRANSLATOR"
	UnmetTranslatorPartialSpan  UnmetConstraintCode = "TRANSLATOR_PARTIAL_SPAN"
)

// AllUnmetConstraintCodes lists the codes.
var AllUnmetConstraintCodes = []UnmetConstraintCode{UnmetSectorMissing, UnmetSectorUnderrepresented,
	UnmetSizeNotReached, UnmetMustIncludeNotPlaced, UnmetTableSingleSector, UnmetTableNoUnusualPairing,
	UnmetTableNoTranslator, UnmetTranslatorPartialSpan}

func (e UnmetConstraintCode) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *UnmetConstraintCode) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "UnmetConstraintCode", AllUnmetConstraintCodes)
	return err
}

// UnmetConstraint says which constraint a plan does not meet, and why.
// Table is 0 and Sector "" when the constraint is not about one.
type UnmetConstraint struct {
	Code    UnmetConstraintCode `json:"code"`
	Message string              `json:"message"`
	Table   int                 `json:"table,omitempty"`
	Sector  Sector              `json:"sector,omitempty"`
	// Subject is the id the constraint is about (a must-include id).
	Subject string `json:"subject,omitempty"`
}

// TableOrNil is the table number for GraphQL; null when not about a table.
func (u *UnmetConstraint) TableOrNil() *int {
	if u.Table == 0 {
		return nil
	}
	return &u.Table
}

// SectorOrNil is the sector for GraphQL; null when not about a sector.
func (u *UnmetConstraint) SectorOrNil() *Sector {
	if u.Sector == "" {
		return nil
	}
	return &u.Sector
}

// SubjectOrNil is the subject id for GraphQL; null when there is none.
func (u *UnmetConstraint) SubjectOrNil() *string { return optional(u.Subject) }

// WorkshopParticipant is one person's seat. OrganisationID is the
// organisation a representative speaks for; empty for a translator.
type WorkshopParticipant struct {
	PersonID       string
	OrganisationID string
	Table          int
	Role           WorkshopRole
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

// WorkshopParams are what a plan was made from; saved with the workshop so
// that its constraints can be checked again after edits.
type WorkshopParams struct {
	TopicID     string
	Size        int
	Tables      int
	MustInclude []string
	Exclude     []string
	Sectors     []Sector
	Seed        int
}

// WorkshopPlan is a seating proposal, saved or not.
type WorkshopPlan struct {
	Params       WorkshopParams
	Participants []*WorkshopParticipant
	Unmet        []*UnmetConstraint
	// Pairings holds, per table number, an unusual pair of organisation
	// ids found there.
	Pairings map[int][2]string
	// Sectors per table number: the sectors of its representatives.
	TableSectors map[int][]Sector
}

// Workshop is a saved plan with its practical details.
type Workshop struct {
	ID          string
	Title       string
	Date        Date
	Place       string
	Facilitator string
	// CreatedBy is the token subject of whoever saved it.
	CreatedBy string
	Plan      WorkshopPlan
	CreatedAt time.Time
	UpdatedAt time.Time
	// Nested holds nested fields read with it (Selection).
	Nested Nested
}

func (w *Workshop) PlaceOrNil() *string       { return optional(w.Place) }
func (w *Workshop) FacilitatorOrNil() *string { return optional(w.Facilitator) }

// WorkshopPatch holds the fields of an update; nil means unchanged.
type WorkshopPatch struct {
	Title, Place, Facilitator *string
	Date                      *Date
}

// SortSeats orders seats by table, translators first, then by person id.
func SortSeats(ps []*WorkshopParticipant) {
	rank := func(p *WorkshopParticipant) int {
		if p.Role == RoleTranslator {
			return 0
		}
		return 1
	}
	slices.SortFunc(ps, func(a, b *WorkshopParticipant) int {
		return cmp.Or(cmp.Compare(a.Table, b.Table), cmp.Compare(rank(a), rank(b)), cmp.Compare(a.PersonID, b.PersonID))
	})
}

// WorkshopTable is one table of a seating, derived from the participants.
type WorkshopTable struct {
	Number       int
	Sectors      []Sector
	Participants []*WorkshopParticipant
	// PairIDs are the organisations of the table's unusual pairing, if any.
	PairIDs []string
}

// Tables groups the participants by table, 1..Params.Tables.
func (p *WorkshopPlan) Tables() []*WorkshopTable {
	out := make([]*WorkshopTable, p.Params.Tables)
	for i := range out {
		n := i + 1
		t := &WorkshopTable{Number: n, Sectors: p.TableSectors[n], Participants: []*WorkshopParticipant{}, PairIDs: []string{}}
		if t.Sectors == nil {
			t.Sectors = []Sector{}
		}
		if pair, ok := p.Pairings[n]; ok {
			t.PairIDs = []string{pair[0], pair[1]}
		}
		out[i] = t
	}
	for _, sp := range p.Participants {
		if sp.Table >= 1 && sp.Table <= len(out) {
			out[sp.Table-1].Participants = append(out[sp.Table-1].Participants, sp)
		}
	}
	return out
}

func (p *WorkshopPlan) Size() int                            { return p.Params.Size }
func (p *WorkshopPlan) Seed() int                            { return p.Params.Seed }
func (p *WorkshopPlan) Sectors() []Sector                    { return p.Params.Sectors }
func (p *WorkshopPlan) UnmetConstraints() []*UnmetConstraint { return p.Unmet }

func (w *Workshop) Size() int                            { return w.Plan.Params.Size }
func (w *Workshop) Seed() int                            { return w.Plan.Params.Seed }
func (w *Workshop) Sectors() []Sector                    { return w.Plan.Params.Sectors }
func (w *Workshop) MustInclude() []string                { return nonNilStrings(w.Plan.Params.MustInclude) }
func (w *Workshop) Exclude() []string                    { return nonNilStrings(w.Plan.Params.Exclude) }
func (w *Workshop) Tables() []*WorkshopTable             { return w.Plan.Tables() }
func (w *Workshop) Participants() []*WorkshopParticipant { return w.Plan.Participants }
func (w *Workshop) UnmetConstraints() []*UnmetConstraint { return w.Plan.Unmet }
func (w *Workshop) SeatingCSVURL() string                { return "/workshops/" + w.ID + "/seating.csv" }
func (w *Workshop) SeatingHTMLURL() string               { return "/workshops/" + w.ID + "/seating.html" }

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
