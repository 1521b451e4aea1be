package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/tulkki/tulkki/internal/model"
	"github.com/tulkki/tulkki/internal/store"
	"github.com/tulkki/tulkki/internal/storetest"
)

// The last phase change is kept by every write that appends to the
// history: creating, moving, evaluating, and importing a whole history.
func TestLastPhaseChangeIsKept(t *testing.T) {
	st := storetest.Open(t)
	ctx := context.Background()
	org := newOrgIn(t, st, model.SectorThird)
	c, err := st.CreateCollaboration(ctx, model.Collaboration{Title: storetest.ID("Vaihe"), Form: model.FormProject, Phase: model.PhaseNeedIdentified},
		nil, []model.Partnership{{OrganisationID: org, Role: model.PartnerLead}}, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if !c.LastPhaseChangeAt.Equal(c.CreatedAt) {
		t.Errorf("created: last phase change %v, want the creation %v", c.LastPhaseChangeAt, c.CreatedAt)
	}
	moved, err := st.MovePhase(ctx, c.ID, model.PhaseLaunched, "", "")
	if err != nil {
		t.Fatal(err)
	}
	if !moved.LastPhaseChangeAt.After(c.LastPhaseChangeAt) || !moved.LastPhaseChangeAt.Equal(moved.UpdatedAt) {
		t.Errorf("moved: last phase change %v (created %v, updated %v)", moved.LastPhaseChangeAt, c.CreatedAt, moved.UpdatedAt)
	}
	noted, err := st.AddCollaborationNote(ctx, c.ID, model.NoteKindDecision, "Sovittu", "")
	if err != nil {
		t.Fatal(err)
	}
	if !noted.LastPhaseChangeAt.Equal(moved.LastPhaseChangeAt) || !noted.UpdatedAt.After(moved.UpdatedAt) {
		t.Errorf("a note moved the last phase change (%v → %v) or did not update (%v → %v)",
			moved.LastPhaseChangeAt, noted.LastPhaseChangeAt, moved.UpdatedAt, noted.UpdatedAt)
	}

	imported := storetest.ID("collab-history")
	at := time.Date(2023, 5, 17, 9, 30, 0, 0, time.UTC)
	if err := st.Import(ctx, store.ImportSet{Collaborations: []store.ImportCollaboration{{
		Collaboration: model.Collaboration{ID: imported, Title: storetest.ID("Historia"), Form: model.FormProject, Phase: model.PhaseGoalsAgreed},
		Partners:      []model.Partnership{{OrganisationID: org, Role: model.PartnerLead}},
		PhaseHistory: []model.PhaseChange{{Phase: model.PhaseNeedIdentified, At: at.AddDate(0, -3, 0)},
			{Phase: model.PhaseGoalsAgreed, At: at}},
	}}}, 10, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.CollaborationsByID(ctx, []string{imported})
	if err != nil {
		t.Fatal(err)
	}
	if !got[imported].LastPhaseChangeAt.Equal(at) {
		t.Errorf("imported: last phase change %v, want the newest history entry %v", got[imported].LastPhaseChangeAt, at)
	}
}
