"""The Excel reporting form an agency fills in, and reading it back (errors name sheet!cell):
its layout (`layout`), its signing (`signing`), writing it (`build`) and reading it (`read`)."""
