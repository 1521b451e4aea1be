package model

import (
	"io"
	"slices"
	"strconv"

	"github.com/tulkki/tulkki/internal/errs"
)

// The methods below let gqlgen bind the GraphQL enums straight to these
// string types. They need no GraphQL library: gqlgen only looks for the
// MarshalGQL/UnmarshalGQL method pair.

// unmarshalEnum reads an enum value. null is the zero value, "not given":
// gqlgen hands null to UnmarshalGQL for an optional enum whose Go field is
// not a pointer (a filter's sector), and a required one never gets null
// past validation.
func unmarshalEnum[T ~string](v any, name string, valid []T) (T, error) {
	if v == nil {
		return "", nil
	}
	s, ok := v.(string)
	if !ok {
		return "", errs.Invalid("", "%s must be a string, got %T", name, v)
	}
	if !slices.Contains(valid, T(s)) {
		return "", errs.Invalid("", "%q is not a valid %s", s, name)
	}
	return T(s), nil
}

func marshalEnum[T ~string](w io.Writer, v T) { _, _ = io.WriteString(w, strconv.Quote(string(v))) }

// Valid values of each enum, used for input checks as well as GraphQL.
var (
	AllOrganisationKinds = []OrganisationKind{KindMunicipality, KindWellbeingServicesCounty, KindHospitalDistrict,
		KindStateAgency, KindCompany, KindCooperative, KindSocialEnterprise, KindAssociation, KindFoundation,
		KindNetwork, KindUniversity, KindUniversityAppliedScience, KindResearchInstitute, KindOther}
	AllExperienceKinds = []ExperienceKind{ExperienceEmployment, ExperienceVolunteer, ExperienceBoard,
		ExperienceEducation, ExperienceSecondment, ExperienceTrustPosition}
	AllCollaborationForms = []CollaborationForm{FormGrantAgreement, FormPartnershipAgreement, FormFacilities,
		FormFunctionalCooperation, FormProject}
	AllPartnerRoles     = []PartnerRole{PartnerLead, PartnerPartner, PartnerFunder, PartnerFacilityProvider}
	AllContributorRoles = []ContributorRole{ContributorLead, ContributorCoordinator, ContributorExpert,
		ContributorFacilitator, ContributorVolunteer, ContributorMember}
	AllVisibilities = []Visibility{VisibilityPublic, VisibilityMembers, VisibilityPrivate}
)

func (e Sector) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *Sector) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "Sector", AllSectors)
	return err
}

func (e OrganisationKind) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *OrganisationKind) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "OrganisationKind", AllOrganisationKinds)
	return err
}

func (e ExperienceKind) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *ExperienceKind) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "ExperienceKind", AllExperienceKinds)
	return err
}

func (e CollaborationForm) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CollaborationForm) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "CollaborationForm", AllCollaborationForms)
	return err
}

func (e CollaborationPhase) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CollaborationPhase) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "CollaborationPhase", AllPhases)
	return err
}

func (e PartnerRole) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *PartnerRole) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "PartnerRole", AllPartnerRoles)
	return err
}

func (e ContributorRole) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *ContributorRole) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "ContributorRole", AllContributorRoles)
	return err
}

func (e Visibility) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *Visibility) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "Visibility", AllVisibilities)
	return err
}

func (e BridgeSide) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *BridgeSide) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "BridgeSide", []BridgeSide{SideA, SideB})
	return err
}

func (e CollaborationNoteKind) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CollaborationNoteKind) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "CollaborationNoteKind", AllNoteKinds)
	return err
}

func (e CollaborationOrderField) MarshalGQL(w io.Writer) { marshalEnum(w, e) }
func (e *CollaborationOrderField) UnmarshalGQL(v any) (err error) {
	*e, err = unmarshalEnum(v, "CollaborationOrderField", AllCollaborationOrderFields)
	return err
}
