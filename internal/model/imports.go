package model

// ExternalRef names a record by the system it came from: its source and its
// id there (externalId). Records entered in Tulkki itself have the source
// "tulkki" and their Tulkki id as externalId.
type ExternalRef struct {
	Source, ExternalID string
}

// ImportRecords are the rows of one import (or one export), every kind in
// its own list. Each record carries its Tulkki id (derived from its
// source and externalId, internal/importer) and the ids of what it refers
// to; references also keep their ExternalRef for exports.
type ImportRecords struct {
	Topics         []ImportTopicRow
	Organisations  []ImportOrganisationRow
	People         []ImportPersonRow
	Experiences    []ImportExperienceRow
	Collaborations []ImportCollaborationRow
	Partners       []ImportPartnerRow
	Contributors   []ImportContributorRow
}

// ImportTopicRow is a topic of an import.
type ImportTopicRow struct {
	ID                                string
	Ref                               ExternalRef
	Name, NameFi, NameSv, Description string
}

// ImportOrganisationRow is an organisation of an import; Topics are topic
// names.
type ImportOrganisationRow struct {
	ID                           string
	Ref                          ExternalRef
	Name                         string
	Kind                         OrganisationKind
	Sector                       Sector
	Region, Website, Description string
	Topics                       []string
}

// ImportPersonRow is a person of an import. A nil consent field was not
// given: a new person gets the consent defaults (MEMBERS, not open to
// bridging, not contactable), an existing one keeps theirs.
type ImportPersonRow struct {
	ID                          string
	Ref                         ExternalRef
	Name, Headline, Region      string
	Email, Phone                string
	Languages                   []string
	Visibility                  *Visibility
	OpenToBridging, Contactable *bool
	Expertise                   []string
}

// ImportExperienceRow is a stint of an import.
type ImportExperienceRow struct {
	ID                       string
	Ref                      ExternalRef
	PersonID, OrganisationID string
	Person, Organisation     ExternalRef
	Kind                     ExperienceKind
	RoleTitle                string
	StartDate                Date
	EndDate                  *Date
}

// ImportCollaborationRow is a collaboration of an import; Topics are topic
// names.
type ImportCollaborationRow struct {
	ID                 string
	Ref                ExternalRef
	Title, Description string
	Form               CollaborationForm
	Phase              CollaborationPhase
	StartDate, EndDate *Date
	Topics             []string
}

// ImportPartnerRow is an organisation's part in a collaboration. Source is
// where the row came from (sync removes only its own).
type ImportPartnerRow struct {
	Source                          string
	CollaborationID, OrganisationID string
	Collaboration, Organisation     ExternalRef
	Role                            PartnerRole
}

// ImportContributorRow is a person's part in a collaboration.
type ImportContributorRow struct {
	Source                    string
	CollaborationID, PersonID string
	Collaboration, Person     ExternalRef
	Role                      ContributorRole
}

// ImportCheck asks the store which referenced records exist and who holds
// the names an import gives its organisations and topics.
type ImportCheck struct {
	OrganisationIDs, PersonIDs, CollaborationIDs []string
	// OrganisationNames and TopicNames are names in any case.
	OrganisationNames, TopicNames []string
}

// ImportFound answers an ImportCheck: the ids that exist, and by
// normalised name (lower case, trimmed) the id of the organisation or
// topic that has it.
type ImportFound struct {
	IDs                           map[string]bool
	OrganisationNames, TopicNames map[string]string
}

// ImportCounts is what an import did (or would do) to one kind of record.
type ImportCounts struct {
	Kind                                 string
	Created, Updated, Unchanged, Removed int
}

// ImportOutcome is what an import did, kind by kind in file order, and how
// many of its people have given no consent yet (neither open to bridging
// nor contactable).
type ImportOutcome struct {
	Counts               []ImportCounts
	PeopleWithoutConsent int
}

// ImportWrite says how to write an import: Sync names the source whose
// experiences, partners and contributors missing from the records are
// removed (empty: none); DryRun rolls the transaction back.
type ImportWrite struct {
	Sync   string
	DryRun bool
}
