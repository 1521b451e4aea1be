package auth

import (
	"slices"

	"github.com/tulkki/tulkki/internal/errs"
	"github.com/tulkki/tulkki/internal/i18n"
	"github.com/tulkki/tulkki/internal/model"
)

// This file is Tulkki's authorisation policy, in one place. The domain
// services ask these questions before reading or writing; nothing else
// decides who may do what.
//
//	anonymous     read organisations, sectors, topics, collaborations and PUBLIC people
//	PROFESSIONAL  + MEMBERS people; create and edit their own person (sub) and stints
//	ORG_EDITOR    + edit the organisations in `orgs` and collaborations one of them is a partner in
//	FACILITATOR   + contact details of people who consented (contactable); plan, edit and read workshops
//	COORDINATOR   + contact details of people who consented; move the phase of and add notes to any
//	              collaboration; read the ecosystem's aggregates (ecosystem, ecosystemGraph)
//	ADMIN         everything
//
// Every signed-in role counts as a member for reading; a person always sees
// and edits their own profile, and reads the workshops they are seated at.

// VisibleLevels lists the profile visibilities p may read.
func VisibleLevels(p Principal) []model.Visibility {
	switch {
	case p.IsAdmin():
		return []model.Visibility{model.VisibilityPublic, model.VisibilityMembers, model.VisibilityPrivate}
	case p.Anonymous():
		return []model.Visibility{model.VisibilityPublic}
	default:
		return []model.Visibility{model.VisibilityPublic, model.VisibilityMembers}
	}
}

// PersonScopeOf is which people p may see and whose contact details p may
// read, for statements that filter and project many people at once; it
// agrees with CanSeePerson and CanSeeContact.
func PersonScopeOf(p Principal) model.PersonScope {
	s := model.PersonScope{Visibilities: VisibleLevels(p), SelfID: p.Subject}
	switch {
	case p.IsAdmin():
		s.Contacts = model.ContactsAll
	case seesConsentedContacts(p):
		s.Contacts = model.ContactsConsented
	}
	return s
}

// MembersScope is which people any signed-in member may see, whoever the
// caller is: PUBLIC and MEMBERS profiles, no contact details. Results that
// every member may later read, such as a workshop's seating, are computed
// in it.
func MembersScope() model.PersonScope {
	return model.PersonScope{Visibilities: []model.Visibility{model.VisibilityPublic, model.VisibilityMembers}}
}

// CanSeePerson reports whether p may read person's profile at all.
func CanSeePerson(p Principal, person *model.Person) bool {
	return person != nil && (isSelf(p, person.ID) || slices.Contains(VisibleLevels(p), person.Visibility))
}

// ContactAccess is the answer to "may p read this person's contact details?".
type ContactAccess int

const (
	// ContactForbidden: the caller's role never sees others' contact details.
	ContactForbidden ContactAccess = iota
	// ContactWithheld: the role may, but the person has not consented.
	ContactWithheld
	// ContactAllowed: show them.
	ContactAllowed
)

// CanSeeContact decides access to a visible person's e-mail and phone.
func CanSeeContact(p Principal, person *model.Person) ContactAccess {
	switch {
	case isSelf(p, person.ID) || p.IsAdmin():
		return ContactAllowed
	case seesConsentedContacts(p) && person.Contactable:
		return ContactAllowed
	case seesConsentedContacts(p):
		return ContactWithheld
	default:
		return ContactForbidden
	}
}

// seesConsentedContacts: facilitators and coordinators read the contact
// details of the people who consented to be contacted.
func seesConsentedContacts(p Principal) bool {
	return p.Has(RoleFacilitator) || p.Has(RoleCoordinator)
}

// CanCreatePerson reports whether p may create a person with the given id;
// an empty id asks for a fresh one (admins only). A professional creates
// exactly one person: their own, under their token's subject.
func CanCreatePerson(p Principal, id string) bool {
	if p.IsAdmin() {
		return true
	}
	return p.Has(RoleProfessional) && id != "" && id == p.Subject
}

// CanEditPerson reports whether p may change person id, their stints and
// their consent settings.
func CanEditPerson(p Principal, personID string) bool {
	return p.IsAdmin() || (p.Has(RoleProfessional) && isSelf(p, personID))
}

// CanCreateOrganisation reports whether p may add organisations.
func CanCreateOrganisation(p Principal) bool { return p.IsAdmin() }

// CanEditOrganisation reports whether p may change organisation id.
func CanEditOrganisation(p Principal, orgID string) bool { return p.IsAdmin() || p.Edits(orgID) }

// CanEditCollaboration reports whether p may change a collaboration whose
// partners are partnerOrgIDs (or create one with those partners).
func CanEditCollaboration(p Principal, partnerOrgIDs []string) bool {
	if p.IsAdmin() {
		return true
	}
	return slices.ContainsFunc(partnerOrgIDs, p.Edits)
}

// CanSteerCollaboration reports whether p may move the phase of a
// collaboration whose partners are partnerOrgIDs and record notes and
// decisions on it: its editors, and coordinators, who follow every
// partnership.
func CanSteerCollaboration(p Principal, partnerOrgIDs []string) bool {
	return p.Has(RoleCoordinator) || CanEditCollaboration(p, partnerOrgIDs)
}

// CanSeeEcosystem reports whether p may read the ecosystem's aggregates
// (phases, forms, the sector matrix, stalled collaborations, the
// organisation network): coordinators and administrators.
func CanSeeEcosystem(p Principal) bool { return p.IsAdmin() || p.Has(RoleCoordinator) }

// CanSeeActorSubject reports whether p may read the raw token subject
// recorded as the author of a change (PhaseChange.movedBySubject): it may
// name an account without a person profile, or a person p may not see, so
// only administrators, who audit changes, read it.
func CanSeeActorSubject(p Principal) bool { return p.IsAdmin() }

// CanImportData reports whether p may import and export the network's data
// in bulk (tulkki import, importData, /export.zip): coordinators and
// administrators.
func CanImportData(p Principal) bool { return p.IsAdmin() || p.Has(RoleCoordinator) }

// CanCreateTopic reports whether p may add to the shared topic vocabulary.
func CanCreateTopic(p Principal) bool {
	return p.IsAdmin() || p.Has(RoleOrgEditor) || p.Has(RoleFacilitator)
}

// CanManageWorkshops reports whether p may plan and edit workshops.
func CanManageWorkshops(p Principal) bool { return p.IsAdmin() || p.Has(RoleFacilitator) }

func isSelf(p Principal, personID string) bool { return p.Subject != "" && p.Subject == personID }

// Deny is the FORBIDDEN error for a refused action; an anonymous caller is
// told to sign in. (A missing token is not an authentication failure, so
// this is FORBIDDEN, not UNAUTHENTICATED, for every caller.)
func Deny(caller Principal, why string) error {
	if caller.Anonymous() {
		return errs.Forbidden("sign in first: %s", i18n.T(why))
	}
	return errs.Forbidden("%s", i18n.T(why))
}

// CanReadWorkshop reports whether p may read a workshop whose seated people
// are participantIDs: facilitators and administrators read every workshop
// (they plan them together), a person reads the workshops they are seated
// at; nobody else, and never anonymously.
func CanReadWorkshop(p Principal, participantIDs []string) bool {
	return CanManageWorkshops(p) || (p.Subject != "" && slices.Contains(participantIDs, p.Subject))
}
