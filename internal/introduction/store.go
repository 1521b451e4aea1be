package introduction

import (
	"context"
	"time"

	"github.com/tulkki/tulkki/internal/model"
)

// Store is what the introduction domain needs from storage.
type Store interface {
	PeopleByID(ctx context.Context, ids []string) (map[string]*model.Person, error)
	RequestIntroduction(ctx context.Context, in model.Introduction, rules model.IntroductionRules, now time.Time) (*model.Introduction, error)
	IntroductionsByID(ctx context.Context, ids []string, now time.Time) (map[string]*model.Introduction, error)
	MoveIntroduction(ctx context.Context, id string, from, to model.IntroductionStatus, actor string, now time.Time,
		check func(*model.Introduction) error) (*model.Introduction, error)
	IntroductionCredits(ctx context.Context, personIDs []string, now time.Time) (map[string]*model.IntroductionCredit, error)
	OpenIntroductionCounts(ctx context.Context, personIDs []string, now time.Time) (map[string]int, error)
}
