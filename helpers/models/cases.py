"""Notebook 08's four patients as data: a story, labs read with notebook 02's criteria, and the treatments medicine
would consider, each a set of values for an earlier model (no model logic here).

Labs are ``diagnosis.SCENARIOS`` (not copied from any patient); each treatment is a Scenario checked against the
parameters of the model that computes it (``reconstitution.simulate``, ``gene_therapy.simulate``, ``ivig.course`` or
``immunosuppression.treat``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np

from ..params import Scenario
from . import burden, diagnosis, gene_therapy, immunosuppression, ivig, reconstitution, transplant

MODELS: dict[str, Callable[..., Any]] = {
    "reconstitution": reconstitution.simulate, "gene_therapy": gene_therapy.simulate, "ivig": ivig.course,
    "immunosuppression": immunosuppression.treat,
}
_MARROW = transplant.TYPICAL_CD34_PER_KG["bone_marrow"]


@dataclass(frozen=True)
class Option:
    """One treatment: which model computes it, and with what values (the rest at the model's defaults)."""

    model: str
    scenario: Scenario

    def takes(self, what_if: Mapping[str, Any]) -> dict[str, Any]:
        """The values of ``what_if`` this option's model takes (one set of what-ifs serves every option of a case)."""
        return {name: value for name, value in what_if.items() if name in MODELS[self.model].specs}

    def run(self, **what_if: Any) -> Any:
        """The option's model at its values, with those of ``what_if`` its model takes."""
        return MODELS[self.model](**self.scenario.kwargs(**self.takes(what_if)))

    def burden(self, years_counted: int = burden.PARAMS["years_counted"].default,
               result: Any = None) -> burden.Burden:
        """What this treatment asks of the patient over ``years_counted`` (``burden``), from its model's result
        (``result``: one already computed by ``run``)."""
        result = self.run() if result is None else result
        if self.model == "reconstitution":
            source = self.scenario.values.get("graft_source", reconstitution.PARAMS["graft_source"].default)
            return burden.of_transplant(result, source, years_counted=years_counted)
        counted = {"ivig": burden.of_lifelong_ivig, "gene_therapy": burden.of_gene_therapy,
                   "immunosuppression": burden.of_immunosuppression}
        return counted[self.model](result, years_counted=years_counted)


    def risks(self, result: Any = None) -> dict[str, float | None]:
        """The chances this treatment's model gives, by name (0..1); None where the model does not give one. A
        graft of one's own cells (gene therapy), or no graft at all, cannot cause GVHD."""
        result = self.run() if result is None else result
        if self.model == "reconstitution":
            year = min(ivig.DAYS_PER_YEAR, float(result.days[-1]))
            return {GRAFT_FAILURE: result.graft_failure_risk, GVHD: result.acute_gvhd_risk,
                    NEUTROPENIC: float(np.interp(year, result.days, result.neutropenic_risk)),
                    PNEUMONIA: result.pneumonia_chance(year), DEATH_5: 1 - result.survival_estimate}
        if self.model == "gene_therapy":
            return {GRAFT_FAILURE: None, GVHD: 0.0, NEUTROPENIC: None, PNEUMONIA: None, DEATH_5: None}
        if self.model == "ivig":  # no graft and no neutropenia; pneumonias at the steady trough (Orange 2010)
            return {GRAFT_FAILURE: None, GVHD: 0.0, NEUTROPENIC: 0.0, PNEUMONIA: -math.expm1(-result.pneumonias_per_year),
                    DEATH_5: None}
        in_response, new_clone = result.at(immunosuppression.FOLLOW_UP_YEARS)
        return {"no response at 6 months": 1 - result.response_at_6_months,
                "relapse by 4 years": 1 - in_response / result.response_at_6_months,
                "a new clone by 4 years": new_clone, GVHD: 0.0,
                "death by 3 years (before any transplant)": 1 - result.survival_at_3_years}


@dataclass(frozen=True)
class Case:
    """A patient: a short story, labs (a diagnosis scenario), the criteria they meet, and the options."""

    story: str
    labs: str  # a key of diagnosis.SCENARIOS
    diagnosis: tuple[str, ...]  # names of the criteria the labs meet (diagnosis.classify's findings)
    options: dict[str, Option]
    what_if: tuple[str, ...] = ()  # parameters of the options' models worth varying for this patient (the dashboard's)

    def what_if_specs(self) -> list[Any]:
        """The specs of ``what_if``, from the models of this case's options that declare them."""
        specs = {}
        for option in self.options.values():
            model_specs = MODELS[option.model].specs
            specs.update({name: model_specs[name] for name in self.what_if if name in model_specs})
        unknown = set(self.what_if) - set(specs)
        if unknown:
            raise ValueError(f"what_if {sorted(unknown)}: no option's model takes them")
        return [specs[name] for name in self.what_if]

    def read_labs(self) -> diagnosis.Diagnosis:
        return diagnosis.classify(**diagnosis.SCENARIOS[self.labs].kwargs())


def _option(model: str, meaning: str, **values: Any) -> Option:
    specs = MODELS[model].specs
    return Option(model, specs.scenarios({meaning: Scenario(meaning, **values)})[meaning])


GRAFT_FAILURE, GVHD, DEATH_5 = "graft failure", "acute GVHD", "death by 5 years (toy)"
NEUTROPENIC = "neutropenic infection (toy: no prophylaxis)"
PNEUMONIA = "a pneumonia in the first year"
LIFELONG_IVIG = _option("ivig", "500 mg/kg every 4 weeks, for life")  # XLA's and hyper-IgM's alternative

CASES = {
    "an infant with X-SCID": Case(
        story="A boy is found by newborn screening: his TRECs are low. At 3 months he has almost no T cells and normal "
              "B-cell numbers; he has never had a serious infection. His sister is not a match; both "
              "parents are half-matched.",
        labs="X-SCID infant", diagnosis=("typical SCID (2022)",),
        options={
            "unrelated marrow, reduced intensity": _option(
                "reconstitution", "a matched unrelated donor's marrow after reduced-intensity conditioning",
                disease="x_scid", age_months=3, graft_source="bone_marrow", cd34_per_kg=_MARROW,
                donor="matched_unrelated", conditioning="reduced"),
            "a parent's graft, T-cell depleted": _option(
                "reconstitution", "a parent's mobilised blood, CD34+-selected, no conditioning", disease="x_scid",
                age_months=3, donor="haploidentical", graft_source="peripheral_blood", conditioning="none",
                t_cell_depletion_logs=4),
            "lentiviral gene therapy": _option(
                "gene_therapy", "his own marrow cells with a lentiviral vector, after low-dose busulfan",
                **gene_therapy.SCENARIOS["X-SCID, lentiviral + busulfan"].values),
        }),
    "a boy with XLA on IVIG": Case(
        story="A 2-year-old boy has had two pneumonias since his mother's antibodies waned. He has almost no B cells "
              "and very little IgG, IgM or IgA. His brother is a full HLA match.",
        labs="XLA boy", diagnosis=("X-linked agammaglobulinaemia",),
        options={
            "lifelong IVIG": LIFELONG_IVIG,
            "sibling marrow, myeloablative": _option(
                "reconstitution", "his brother's marrow after myeloablative conditioning, so donor B cells take",
                disease="xla", age_months=24, graft_source="bone_marrow", cd34_per_kg=_MARROW,
                conditioning="myeloablative", infection_status="resolved"),
        }),
    "a boy with X-linked hyper-IgM": Case(
        story="A 2-year-old boy had Pneumocystis pneumonia. He has B cells and high IgM, but almost no IgG or IgA; "
              "his T cells do not make CD40 ligand. There is a matched unrelated donor.",
        labs="hyper-IgM boy", diagnosis=("hyper-IgM pattern",),
        options={
            "lifelong IVIG": LIFELONG_IVIG,
            "unrelated marrow, myeloablative": _option(
                "reconstitution", "a matched unrelated donor's marrow after myeloablative conditioning",
                **reconstitution.SCENARIOS["hyper-IgM"].values),
        }),
    "a young adult with very severe aplastic anaemia": Case(
        story="A 20-year-old man has had bruises and tiredness for a month. His neutrophils, platelets and reticulocytes "
              "are very low and his marrow is almost empty. His sister is a full HLA match.",
        labs="very severe aplastic anaemia", diagnosis=("severe aplastic anaemia", "very severe aplastic anaemia"),
        options={
            "sibling marrow": _option(
                "reconstitution", "his sister's marrow after cyclophosphamide and ATG (modelled as reduced "
                "intensity)", disease="severe_aplastic_anemia", age_months=240, graft_source="bone_marrow",
                cd34_per_kg=_MARROW, conditioning="reduced"),
            "horse ATG and ciclosporin": _option(
                "immunosuppression", "immunosuppression with horse ATG and ciclosporin, no transplant",
                **immunosuppression.SCENARIOS["horse ATG"].values),
        }, what_if=("relapse_by_4_years", "clonal_evolution_by_4_years")),
}
