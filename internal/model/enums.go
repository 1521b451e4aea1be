// Package model holds the plain types that every layer of Tulkki shares:
// the people, organisations, experiences, topics and collaborations of the
// graph, and the closed vocabularies (enums) that describe them.
//
// gqlgen binds the GraphQL types to these structs directly (see gqlgen.yml),
// so the store can return them and the resolvers can hand them on unchanged.
package model

// Sector is one of the four sectors of Finnish welfare work.
type Sector string

const (
	SectorPublic   Sector = "PUBLIC"
	SectorPrivate  Sector = "PRIVATE"
	SectorThird    Sector = "THIRD"
	SectorAcademia Sector = "ACADEMIA"
)

// AllSectors lists the sectors in their canonical order.
var AllSectors = []Sector{SectorPublic, SectorPrivate, SectorThird, SectorAcademia}

// OrganisationKind says what sort of body an organisation is. The kind hints
// at a sector but does not fix it (a municipally owned company is PRIVATE in
// form but close to PUBLIC), so the sector is stored separately.
type OrganisationKind string

const (
	KindMunicipality             OrganisationKind = "MUNICIPALITY"
	KindWellbeingServicesCounty  OrganisationKind = "WELLBEING_SERVICES_COUNTY"
	KindHospitalDistrict         OrganisationKind = "HOSPITAL_DISTRICT"
	KindStateAgency              OrganisationKind = "STATE_AGENCY"
	KindCompany                  OrganisationKind = "COMPANY"
	KindCooperative              OrganisationKind = "COOPERATIVE"
	KindSocialEnterprise         OrganisationKind = "SOCIAL_ENTERPRISE"
	KindAssociation              OrganisationKind = "ASSOCIATION"
	KindFoundation               OrganisationKind = "FOUNDATION"
	KindNetwork                  OrganisationKind = "NETWORK"
	KindUniversity               OrganisationKind = "UNIVERSITY"
	KindUniversityAppliedScience OrganisationKind = "UNIVERSITY_OF_APPLIED_SCIENCES"
	KindResearchInstitute        OrganisationKind = "RESEARCH_INSTITUTE"
	KindOther                    OrganisationKind = "OTHER"
)

// ExperienceKind is the nature of a person's stint at an organisation.
type ExperienceKind string

const (
	ExperienceEmployment    ExperienceKind = "EMPLOYMENT"
	ExperienceVolunteer     ExperienceKind = "VOLUNTEER"
	ExperienceBoard         ExperienceKind = "BOARD"
	ExperienceEducation     ExperienceKind = "EDUCATION"
	ExperienceSecondment    ExperienceKind = "SECONDMENT"
	ExperienceTrustPosition ExperienceKind = "TRUST_POSITION"
)

// CollaborationForm follows the three partnership forms of the Turku
// municipality–NGO model (grants/agreements, facilities, functional
// cooperation), with agreements split in two and a plain PROJECT added.
type CollaborationForm string

const (
	FormGrantAgreement        CollaborationForm = "GRANT_AGREEMENT"
	FormPartnershipAgreement  CollaborationForm = "PARTNERSHIP_AGREEMENT"
	FormFacilities            CollaborationForm = "FACILITIES"
	FormFunctionalCooperation CollaborationForm = "FUNCTIONAL_COOPERATION"
	FormProject               CollaborationForm = "PROJECT"
)

// CollaborationPhase is one of the five phases a partnership goes through.
// Partnerships rarely move linearly, so any phase may follow any other, with
// one exception enforced by the domain: EVALUATED needs an evaluation.
type CollaborationPhase string

const (
	PhaseNeedIdentified CollaborationPhase = "NEED_IDENTIFIED"
	PhasePartnersMapped CollaborationPhase = "PARTNERS_MAPPED"
	PhaseGoalsAgreed    CollaborationPhase = "GOALS_AGREED"
	PhaseLaunched       CollaborationPhase = "LAUNCHED"
	PhaseEvaluated      CollaborationPhase = "EVALUATED"
)

// AllPhases lists the phases in their natural order.
var AllPhases = []CollaborationPhase{PhaseNeedIdentified, PhasePartnersMapped, PhaseGoalsAgreed, PhaseLaunched, PhaseEvaluated}

// CollaborationNoteKind says whether a note records a discussion or a
// decision.
type CollaborationNoteKind string

const (
	NoteKindNote     CollaborationNoteKind = "NOTE"
	NoteKindDecision CollaborationNoteKind = "DECISION"
)

// AllNoteKinds lists the kinds of collaboration notes.
var AllNoteKinds = []CollaborationNoteKind{NoteKindNote, NoteKindDecision}

// PartnerRole is an organisation's part in a collaboration.
type PartnerRole string

const (
	PartnerLead             PartnerRole = "LEAD"
	PartnerPartner          PartnerRole = "PARTNER"
	PartnerFunder           PartnerRole = "FUNDER"
	PartnerFacilityProvider PartnerRole = "FACILITY_PROVIDER"
)

// ContributorRole is a person's part in a collaboration.
type ContributorRole string

const (
	ContributorLead        ContributorRole = "LEAD"
	ContributorCoordinator ContributorRole = "COORDINATOR"
	ContributorExpert      ContributorRole = "EXPERT"
	ContributorFacilitator ContributorRole = "FACILITATOR"
	ContributorVolunteer   ContributorRole = "VOLUNTEER"
	ContributorMember      ContributorRole = "MEMBER"
)

// Visibility controls who may see a person's profile.
type Visibility string

const (
	VisibilityPublic  Visibility = "PUBLIC"
	VisibilityMembers Visibility = "MEMBERS"
	VisibilityPrivate Visibility = "PRIVATE"
)
