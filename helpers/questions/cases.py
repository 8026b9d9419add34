"""Questions for 08_case_studies.ipynb: the burden arithmetic, and one trade-off per patient, each answer read from
the models the dashboard draws."""
from ..formatting import percent
from ..models import burden, ivig
from ..models.cases import CASES
from ..quiz import MultipleChoice, Numeric

# --- by the numbers: IVIG every 4 weeks for 20 years
_INTERVAL = ivig.PARAMS["interval_days"].default
_YEARS = burden.PARAMS["years_counted"].default
INFUSIONS_IN_20_YEARS = _YEARS * ivig.DAYS_PER_YEAR / _INTERVAL

ivig_infusions_in_20_years = Numeric(
    f"The boy with XLA has IVIG every {_INTERVAL // 7} weeks ({_INTERVAL} days). How many infusions does he have in "
    f"{_YEARS} years (a year is 365.25 days)?",
    answer=INFUSIONS_IN_20_YEARS,
    unit="infusions",
    rel_tol=0.01,
    explanation=f"{_YEARS} x 365.25 / {_INTERVAL} = {INFUSIONS_IN_20_YEARS:.1f}, about {INFUSIONS_IN_20_YEARS:.0f}: "
                f"13 a year, for as long as he lives (every 3 weeks it would be "
                f"{_YEARS * ivig.DAYS_PER_YEAR / 21:.0f}). A transplant that takes replaces them with one admission "
                "and the months of infusions until the donor's B cells make enough IgG.",
    hints=("How many 28-day intervals fit in one year of 365.25 days?", "Then multiply by the years."),
    misconceptions=((12 * _YEARS, "that counts one infusion a month, but 4 weeks is shorter than a month: 13 fit in "
                                  "a year."),
                    (26 * _YEARS, "that is every 2 weeks; he has one every 4 weeks."),
                    (ivig.DAYS_PER_YEAR / _INTERVAL, "that is one year's infusions; the question asks for "
                                                     f"{_YEARS} years.")),
)

# --- XLA: what a transplant offers that IVIG does not
_XLA = CASES["a boy with XLA on IVIG"]
_XLA_GRAFT = _XLA.options["sibling marrow, myeloablative"]
_XLA_RESULT = _XLA_GRAFT.run()
_GVHD = "A lower chance of GVHD than on IVIG"
_SAFER = "Less risk in the first year than IVIG"
_IGA = "The same antibodies as IVIG, sooner"
xla_transplant_offers = MultipleChoice(
    "The boy with XLA could stay on IVIG or have his brother's marrow after myeloablative conditioning. What does "
    "the transplant offer that IVIG cannot?",
    answer="Donor B cells, making every antibody class",
    distractors=(_GVHD, _SAFER, _IGA),
    explanation=f"Donor stem cells give him B cells that make IgG, IgA and IgM and answer new infections; in the model "
                f"IVIG can stop on day {_XLA_RESULT.ivig_free_day:.0f} after "
                f"{_XLA_GRAFT.burden().ivig_infusions:.0f} infusions, against "
                f"{INFUSIONS_IN_20_YEARS:.0f} over 20 years. The price is paid early: acute GVHD "
                f"{percent(_XLA_RESULT.acute_gvhd_risk, html=False)}, graft failure "
                f"{percent(_XLA_RESULT.graft_failure_risk, html=False)} and a toy 5-year survival of "
                f"{percent(_XLA_RESULT.survival_estimate, html=False)}, while IVIG carries none of these risks. That is "
                "why most boys with XLA stay on IVIG: a real trade-off, not a single right answer.",
    hints=("IVIG is IgG from donors' plasma: what does it not contain, and what does it not do?",),
    why={_GVHD: "IVIG carries no donor cells, so it cannot cause GVHD at all; the transplant can.",
         _SAFER: "The first year is the transplant's riskiest: conditioning, neutropenia, GVHD. IVIG's risk is "
                 "spread over a lifetime of infusions.",
         _IGA: "IVIG replaces IgG only, and for weeks at a time; the transplant's B cells make all classes, once they "
               "have grown back (months)."},
)

# --- X-SCID: the parent's graft without conditioning
_SCID = CASES["an infant with X-SCID"]
_HAPLO = _SCID.options["a parent's graft, T-cell depleted"].run()
_T_ONLY = "No conditioning: donor T cells take, his own B cells stay"
_REJECTED = "The parent's cells are rejected by his T cells"
_GVHD_SCID = "GVHD destroys the donor's B cells as they form"
_TOO_FEW = "A CD34+-selected graft carries no stem cells"
scid_haplo_keeps_ivig = MultipleChoice(
    "In the dashboard the parent's T-cell-depleted graft, given without conditioning, leaves the infant with X-SCID "
    "on IVIG for as long as the model follows him. Why?",
    answer=_T_ONLY,
    distractors=(_REJECTED, _GVHD_SCID, _TOO_FEW),
    explanation=f"Without conditioning the donor's stem cells find few free niches: the model gives them "
                f"{percent(_HAPLO.donor_stem_cell_share, html=False)} of the marrow. Donor T cells still grow back "
                f"(CD4 T cells normal for age by day {_HAPLO.course.recovery_day('cd4'):.0f}), because T-cell "
                "precursors without the gamma chain cannot compete with them; but his B cells stay his own, and X-SCID "
                "B cells do not make IgG well. So IVIG goes on, the upper bound of the burden figure. Reduced-"
                "intensity conditioning or gene therapy after busulfan makes room for donor or corrected stem cells.",
    hints=("What does conditioning do to the patient's own stem cells, and which of his lineages does X-SCID leave "
           "in place?",),
    why={_REJECTED: "An infant with X-SCID has almost no T cells to reject a graft, which is why an unconditioned "
                    "graft can take at all. The graft failure the dashboard shows is the donor's stem cells not "
                    "finding room in the marrow, not rejection.",
         _GVHD_SCID: "GVHD is donor T cells attacking the patient, not the donor's own cells.",
         _TOO_FEW: "The graft is a parent's CD34+-selected mobilised blood: it has stem cells, but without "
                   "conditioning they find few empty niches."},
)

# --- aplastic anaemia: transplant against immunosuppression
_SAA = CASES["a young adult with very severe aplastic anaemia"]
_IST = _SAA.options["horse ATG and ciclosporin"].risks()
_SIBLING = _SAA.options["sibling marrow"].run()
_RELAPSE = "ATG may fail, relapse or leave an abnormal clone"
_GVHD_IST = "ATG causes more GVHD than a transplant"
_NO_DONOR = "ATG needs a matched donor as well"
_FASTER = "ATG restores counts within 2 weeks"
saa_sibling_over_atg = MultipleChoice(
    "For a 20-year-old with very severe aplastic anaemia and a matched sister, guidelines favour the sister's marrow "
    "over ATG with ciclosporin. Which reason does the dashboard show?",
    answer=_RELAPSE,
    distractors=(_GVHD_IST, _NO_DONOR, _FASTER),
    explanation=f"With horse ATG, {percent(_IST['no response at 6 months'], html=False)} have no response at 6 months, "
                f"{percent(_IST['relapse by 4 years'], html=False)} of responders relapse by 4 years and "
                f"{percent(_IST['a new clone by 4 years'], html=False)} of patients have a new abnormal clone. The "
                f"sister's marrow replaces the marrow once (neutrophils engraft on day "
                f"{_SIBLING.neutrophil_engraftment_day}), at the cost of graft failure "
                f"({percent(_SIBLING.graft_failure_risk, html=False)}) and GVHD "
                f"({percent(_SIBLING.acute_gvhd_risk, html=False)}) in the model. For an older patient, or one without "
                "a matched sibling, ATG comes first.",
    hints=("Compare the two options' bars in the risk figure: what can happen after ATG that cannot after a "
           "successful transplant?",),
    why={_GVHD_IST: "GVHD needs donor T cells; ATG gives none (it removes the patient's own T cells).",
         _NO_DONOR: "ATG and ciclosporin need no donor at all: that is why they are the treatment when there is no "
                    "matched sibling.",
         _FASTER: "Responses to ATG come over 3 to 6 months, which is why they are counted at 6 months."},
)

# --- hyper-IgM: the same IVIG bars as XLA, a different disease
_HIGM = CASES["a boy with X-linked hyper-IgM"]
_HIGM_GRAFT = _HIGM.options["unrelated marrow, myeloablative"].run()
_CD40L = "IVIG cannot give his T cells CD40 ligand"
_MORE_IVIG = "He needs twice as many infusions as XLA"
_NO_B = "He has no B cells, so IVIG cannot work"
_IGM_HARM = "His high IgM blocks the infused IgG"
higm_why_transplant = MultipleChoice(
    "On the dashboard the boy with X-linked hyper-IgM has the same IVIG bars as the boy with XLA. Why is a transplant "
    "still often favoured for him?",
    answer=_CD40L,
    distractors=(_MORE_IVIG, _NO_B, _IGM_HARM),
    explanation="IVIG replaces IgG, the antibodies his B cells cannot switch to. It cannot replace what his T cells "
                "lack: CD40 ligand, which helpers also need to fight infections such as the Pneumocystis pneumonia he "
                f"had. Donor T cells bring it back (CD4 T cells normal for age by day "
                f"{_HIGM_GRAFT.course.recovery_day('cd4'):.0f} in the model), at the price of an unrelated donor's "
                f"risks: acute GVHD {percent(_HIGM_GRAFT.acute_gvhd_risk, html=False)} and a toy 5-year survival of "
                f"{percent(_HIGM_GRAFT.survival_estimate, html=False)}.",
    hints=("Which of his cells lacks the protein, and does IVIG contain any cells?",),
    why={_MORE_IVIG: "The regimen is the same, so the counts are the same: 261 in 20 years for both boys.",
         _NO_B: "That is XLA. In hyper-IgM B cells are there and make IgM; they cannot switch to IgG without CD40 "
                "ligand from T cells.",
         _IGM_HARM: "IgM does not block infused IgG; the problem is the missing T-cell signal, not the IgM."},
)
