"""The progress engine: where a plan stands at a period, worked out from plain data.

Pure Python with no Django import; `councilplan.reports.selectors` fills the inputs.
"""

from councilplan.domain.engine.compute import (
    ROLLUP_DIFFERENCE_POINTS,
    measure_position_compute,
    plan_position_compute,
    plan_position_recompute,
)
from councilplan.domain.engine.inputs import (
    RAG_CHOICES,
    RISK_RAG_CHOICES,
    EngineInput,
    EngineSettings,
    ItemInput,
    ItemUpdate,
    MeasureInput,
    PeriodInput,
    ProgressRollup,
    Quantity,
    Rag,
    RagRollup,
    StatusValue,
)
from councilplan.domain.engine.results import (
    Change,
    ChangeKind,
    Direction,
    EngineResult,
    Finding,
    FindingKind,
    ItemResult,
    MeasureResult,
    Suggestion,
    Trend,
)
from councilplan.domain.indicators import Bands, Polarity, ValueState

__all__ = [
    "ROLLUP_DIFFERENCE_POINTS",
    "Bands",
    "Change",
    "ChangeKind",
    "Direction",
    "EngineInput",
    "EngineResult",
    "EngineSettings",
    "Finding",
    "FindingKind",
    "ItemInput",
    "ItemResult",
    "ItemUpdate",
    "MeasureInput",
    "MeasureResult",
    "PeriodInput",
    "Polarity",
    "ProgressRollup",
    "Quantity",
    "RAG_CHOICES",
    "RISK_RAG_CHOICES",
    "Rag",
    "RagRollup",
    "StatusValue",
    "Suggestion",
    "Trend",
    "ValueState",
    "measure_position_compute",
    "plan_position_compute",
    "plan_position_recompute",
]
