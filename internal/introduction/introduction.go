// Package introduction is the domain of introductions through
// translators, with double opt-in: an organisation (its editor, or a
// facilitator on its behalf) asks a translator, a person open to bridging,
// to introduce it to another organisation; the translator accepts, then an
// editor of the other organisation accepts, and only then are contact
// details shown to the two sides. Requests expire, and spam is held back:
// one open request per (from, translator, to), a translator with too many
// open requests is busy, and a declined request cannot be repeated for a
// while.
//
// Who asks is an explicit parameter; storage is the Store port.
package introduction

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/tulkki/tulkki/internal/auth"
	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/validate"
)

// Defaults of Options.
const (
	DefaultTTL                  = 14 * 24 * time.Hour
	DefaultMaxOpenPerTranslator = 5
	DefaultDeclineCooldown      = 90 * 24 * time.Hour
	MaxMessage                  = 2000
)

// Options configure the service; zero values take the defaults.
type Options struct {
	// TTL: an unanswered request expires this long after it was made.
	TTL time.Duration
	// MaxOpenPerTranslator: a translator with this many open requests is
	// busy and cannot be asked until they answer some.
	MaxOpenPerTranslator int
	// DeclineCooldown: a declined request cannot be repeated for this long.
	DeclineCooldown time.Duration
}

// Service is the introduction domain's entry point.
type Service struct {
	store Store
	opts  Options
	now   func() time.Time
}

// New returns an introduction service over st.
func New(st Store, o Options) *Service {
	if o.TTL <= 0 {
		o.TTL = DefaultTTL
	}
	if o.MaxOpenPerTranslator <= 0 {
		o.MaxOpenPerTranslator = DefaultMaxOpenPerTranslator
	}
	if o.DeclineCooldown <= 0 {
		o.DeclineCooldown = DefaultDeclineCooldown
	}
	return &Service{store: st, opts: o, now: func() time.Time { return time.Now().UTC() }}
}

// WithClock returns a copy of s that takes the time from now (tests).
func (s *Service) WithClock(now func() time.Time) *Service {
	c := *s
	c.now = now
	return &c
}

func (s *Service) rules() model.IntroductionRules {
	return model.IntroductionRules{MaxOpenPerTranslator: s.opts.MaxOpenPerTranslator, DeclineCooldown: s.opts.DeclineCooldown}
}

// Request is requestIntroduction's input.
type Request struct {
	TranslatorID, FromOrganisationID, ToOrganisationID, CallID, Message string
}

// Side is how a caller stands to an introduction.
type Side struct {
	// From: the requester, or an editor of the from organisation.
	From bool
	// Translator: the translator themselves.
	Translator bool
	// To: an editor of the to organisation.
	To bool
	// Admin: an administrator (reads everything, accepts nothing).
	Admin bool
}

// Involved reports whether the caller may see the introduction at all.
func (s Side) Involved() bool { return s.From || s.Translator || s.To || s.Admin }

// SideOf is how caller stands to introduction i.
func SideOf(caller auth.Principal, i *model.Introduction) Side {
	return Side{
		From:       (caller.Subject != "" && caller.Subject == i.RequestedBy) || caller.Edits(i.FromOrganisationID),
		Translator: caller.Subject != "" && caller.Subject == i.TranslatorID,
		To:         caller.Edits(i.ToOrganisationID),
		Admin:      caller.IsAdmin(),
	}
}

// Request asks a translator to introduce two organisations: by an editor
// of the from organisation, a facilitator or an administrator. Asking
// someone who is not open to bridging, or whom the caller may not see, or
// who does not exist, is the same FORBIDDEN, so that no one learns of
// private people through it.
func (s *Service) Request(ctx context.Context, caller auth.Principal, in Request) (*model.Introduction, error) {
	if !caller.Edits(in.FromOrganisationID) && !caller.Has(auth.RoleFacilitator) && !caller.IsAdmin() {
		return nil, auth.Deny(caller, "only editors of the requesting organisation, facilitators and administrators may ask for an introduction")
	}
	ids, err := validate.IDs("translatorId", []string{in.TranslatorID})
	if err != nil || len(ids) != 1 {
		return nil, errs.Invalid("translatorId", "give the translator's person id")
	}
	for field, id := range map[string]string{"fromOrganisationId": in.FromOrganisationID, "toOrganisationId": in.ToOrganisationID} {
		if v, err := validate.IDs(field, []string{id}); err != nil || len(v) != 1 {
			return nil, errs.Invalid(field, "give an organisation id")
		}
	}
	if in.FromOrganisationID == in.ToOrganisationID {
		return nil, errs.Invalid("toOrganisationId", "an organisation cannot be introduced to itself")
	}
	if in.Message, err = validate.Text("message", in.Message, MaxMessage); err != nil {
		return nil, err
	}
	people, err := s.store.PeopleByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load translator: %w", err)
	}
	p := people[ids[0]]
	if p == nil || !auth.CanSeePerson(caller, p) || !p.OpenToBridging || p.ID == caller.Subject {
		return nil, errs.Forbidden("this person cannot be asked for an introduction")
	}
	now := s.now()
	out, err := s.store.RequestIntroduction(ctx, model.Introduction{TranslatorID: p.ID, FromOrganisationID: in.FromOrganisationID,
		ToOrganisationID: in.ToOrganisationID, CallID: in.CallID, Message: in.Message, RequestedBy: caller.Subject,
		ExpiresAt: now.Add(s.opts.TTL)}, s.rules(), now)
	if err != nil {
		return nil, fmt.Errorf("request introduction: %w", err)
	}
	return out, nil
}

// Introduction returns introduction id to someone involved in it (the two
// sides, the translator, an administrator); NOT_FOUND for anyone else.
func (s *Service) Introduction(ctx context.Context, caller auth.Principal, id string) (*model.Introduction, error) {
	m, err := s.store.IntroductionsByID(ctx, []string{id}, s.now())
	i, err := errs.Lookup("introduction", id, m, err)
	if err != nil {
		return nil, err
	}
	if !SideOf(caller, i).Involved() {
		return nil, errs.NotFound("introduction", id)
	}
	return i, nil
}

// Accept is the translator's yes (REQUESTED → ACCEPTED_BY_TRANSLATOR) or
// the to organisation's editor's (ACCEPTED_BY_TRANSLATOR → CONNECTED),
// whichever is due; anyone else, administrators too (consent is
// personal), is FORBIDDEN. An expired or withdrawn request is CONFLICT.
func (s *Service) Accept(ctx context.Context, caller auth.Principal, id string) (*model.Introduction, error) {
	return s.answer(ctx, caller, id, true)
}

// Decline is the no of whoever's turn it is.
func (s *Service) Decline(ctx context.Context, caller auth.Principal, id string) (*model.Introduction, error) {
	return s.answer(ctx, caller, id, false)
}

func (s *Service) answer(ctx context.Context, caller auth.Principal, id string, yes bool) (*model.Introduction, error) {
	i, err := s.Introduction(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if !i.Status.Open() {
		return nil, errs.Conflict("the introduction is %s; it can no longer be answered", i.Status)
	}
	side := SideOf(caller, i)
	var to model.IntroductionStatus
	switch {
	case i.Status == model.IntroRequested && side.Translator:
		to = model.IntroAcceptedByTranslator
	case i.Status == model.IntroAcceptedByTranslator && side.To:
		to = model.IntroConnected
	case i.Status == model.IntroRequested:
		return nil, auth.Deny(caller, "it is the translator's turn to answer this introduction")
	case side.Translator:
		// The translator answered already, perhaps a moment ago from another
		// tab: their second answer lost a race, which is a CONFLICT, not a
		// permission they lack.
		return nil, errs.Conflict("you have answered this introduction already; it is waiting for the other organisation's editors")
	default:
		return nil, auth.Deny(caller, "it is the other organisation's editors' turn to answer this introduction")
	}
	if !yes {
		to = model.IntroDeclined
	}
	out, err := s.store.MoveIntroduction(ctx, id, i.Status, to, caller.Subject, s.now(), nil)
	if err != nil {
		return nil, fmt.Errorf("answer introduction %s: %w", id, err)
	}
	return out, nil
}

// Withdraw is the requester's (or a from organisation editor's, or an
// administrator's) taking back of an open request.
func (s *Service) Withdraw(ctx context.Context, caller auth.Principal, id string) (*model.Introduction, error) {
	i, err := s.Introduction(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	side := SideOf(caller, i)
	if !side.From && !side.Admin {
		return nil, auth.Deny(caller, "only the requester may withdraw a request for an introduction")
	}
	if !i.Status.Open() {
		return nil, errs.Conflict("the introduction is %s; only an open request can be withdrawn", i.Status)
	}
	out, err := s.store.MoveIntroduction(ctx, id, i.Status, model.IntroWithdrawn, caller.Subject, s.now(), nil)
	if err != nil {
		return nil, fmt.Errorf("withdraw introduction %s: %w", id, err)
	}
	return out, nil
}

// ContactRole says whose contact details a Contact is.
type ContactRole string

const (
	ContactTranslator ContactRole = "TRANSLATOR"
	ContactRequester  ContactRole = "REQUESTER"
	ContactRecipient  ContactRole = "RECIPIENT"
)

// Contact is a person whose contact details an introduction reveals.
type Contact struct {
	Role     ContactRole
	PersonID string
}

// Contacts lists whose contact details caller may see through i: nobody's
// until it is CONNECTED; then the from side sees the translator's and the
// accepting editor's (both consented by accepting), the translator and
// the to side see the requester's. Administrators see all three. Only
// people with a profile have contact details.
func Contacts(caller auth.Principal, i *model.Introduction) []Contact {
	if i.Status != model.IntroConnected {
		return nil
	}
	side := SideOf(caller, i)
	var out []Contact
	add := func(role ContactRole, id string) {
		if id != "" && id != caller.Subject {
			out = append(out, Contact{Role: role, PersonID: id})
		}
	}
	if side.From || side.Admin {
		add(ContactTranslator, i.TranslatorID)
		add(ContactRecipient, i.ConnectedBy)
	}
	if side.Translator || side.To || side.Admin {
		add(ContactRequester, i.RequestedBy)
	}
	return out
}

// Credits counts personIDs' introductions as translators, for the person
// themselves and administrators; nil (not shown) for anyone else.
func (s *Service) Credits(ctx context.Context, caller auth.Principal, personIDs []string) (map[string]*model.IntroductionCredit, error) {
	var allowed []string
	for _, id := range personIDs {
		if caller.IsAdmin() || (caller.Subject != "" && caller.Subject == id) {
			allowed = append(allowed, id)
		}
	}
	out := map[string]*model.IntroductionCredit{}
	if len(allowed) == 0 {
		return out, nil
	}
	m, err := s.store.IntroductionCredits(ctx, allowed, s.now())
	if err != nil {
		return nil, fmt.Errorf("count introductions: %w", err)
	}
	for _, id := range allowed {
		if c := m[id]; c != nil {
			out[id] = c
		} else {
			out[id] = &model.IntroductionCredit{}
		}
	}
	return out, nil
}

// RevealedContact is a contact with the details to show.
type RevealedContact struct {
	Role  ContactRole
	Name  string
	Email string
	Phone string
}

// EmailOrNil and PhoneOrNil are for GraphQL: null when unset.
func (c *RevealedContact) EmailOrNil() *string { return nonEmpty(c.Email) }
func (c *RevealedContact) PhoneOrNil() *string { return nonEmpty(c.Phone) }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// RevealContacts reads the contact details Contacts allows caller to see
// through each introduction, in one read for all of them.
func (s *Service) RevealContacts(ctx context.Context, caller auth.Principal, intros []*model.Introduction) ([][]*RevealedContact, error) {
	out := make([][]*RevealedContact, len(intros))
	per := make([][]Contact, len(intros))
	var ids []string
	for k, i := range intros {
		per[k] = Contacts(caller, i)
		for _, c := range per[k] {
			ids = append(ids, c.PersonID)
		}
	}
	people := map[string]*model.Person{}
	if len(ids) > 0 {
		var err error
		if people, err = s.store.PeopleByID(ctx, ids); err != nil {
			return nil, fmt.Errorf("load contacts: %w", err)
		}
	}
	for k := range intros {
		out[k] = []*RevealedContact{}
		for _, c := range per[k] {
			if p := people[c.PersonID]; p != nil {
				out[k] = append(out[k], &RevealedContact{Role: c.Role, Name: p.Name, Email: p.Email, Phone: p.Phone})
			}
		}
	}
	return out, nil
}

var allContactRoles = []ContactRole{ContactTranslator, ContactRequester, ContactRecipient}

func (e ContactRole) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(e))) }
func (e *ContactRole) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	if !slices.Contains(allContactRoles, ContactRole(s)) {
		return errs.Invalid("", "%q is not a valid IntroductionContactRole", s)
	}
	*e = ContactRole(s)
	return nil
}

// ByID returns the introductions with these ids that caller is involved in.
func (s *Service) ByID(ctx context.Context, caller auth.Principal, ids []string) (map[string]*model.Introduction, error) {
	m, err := s.store.IntroductionsByID(ctx, ids, s.now())
	if err != nil {
		return nil, err
	}
	for id, i := range m {
		if !SideOf(caller, i).Involved() {
			delete(m, id)
		}
	}
	return m, nil
}

// Busy says which of these people are busy: they have as many open
// requests as a translator may have (Options.MaxOpenPerTranslator), so
// they cannot be asked for another until they answer one. Anyone may know
// (it says nothing about who asked).
func (s *Service) Busy(ctx context.Context, personIDs []string) (map[string]bool, error) {
	counts, err := s.store.OpenIntroductionCounts(ctx, personIDs, s.now())
	if err != nil {
		return nil, fmt.Errorf("count open introductions: %w", err)
	}
	out := make(map[string]bool, len(personIDs))
	for _, id := range personIDs {
		out[id] = counts[id] >= s.opts.MaxOpenPerTranslator
	}
	return out, nil
}
