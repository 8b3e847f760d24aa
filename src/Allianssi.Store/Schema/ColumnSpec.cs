using System.Collections.Frozen;

namespace Allianssi.Store.Schema;

/// <summary>What a column holds and how its text is parsed and normalised.</summary>
public enum ColumnKind
{
    /// <summary>Free text, trimmed.</summary>
    FreeText,
    /// <summary>A code from <see cref="ColumnSpec.Codes"/> (or any code when none), stored lower case.</summary>
    Code,
    /// <summary>A code stored upper case without spaces (LOINC, local test codes).</summary>
    UpperCode,
    /// <summary>ICD-10 (Finnish edition), stored upper case without spaces.</summary>
    Icd10,
    /// <summary>A date.</summary>
    Date,
    /// <summary>A local timestamp.</summary>
    Timestamp,
    /// <summary>Euros, two decimals.</summary>
    Money,
    /// <summary>A floating-point number.</summary>
    Number,
    /// <summary>A whole number.</summary>
    WholeNumber,
    /// <summary>A boolean.</summary>
    Flag,
    /// <summary>A person identifier: validated when henkilötunnus-shaped, then pseudonymised.</summary>
    PersonId,
    /// <summary>A reference to <c>units.unit_id</c>.</summary>
    UnitRef,
    /// <summary>A reference to a party of the alliance.</summary>
    PartyRef,
    /// <summary>Statistics Finland municipality code, stored as three digits.</summary>
    Municipality,
    /// <summary>Five-digit postal code.</summary>
    PostalCode,
    /// <summary>An age group such as <c>0-6</c> or <c>85+</c>.</summary>
    AgeGroup,
    /// <summary><c>M</c>/<c>F</c> (or <c>1</c>/<c>2</c>), stored <c>M</c>/<c>F</c>.</summary>
    Sex,
    /// <summary>Not in the file: computed on import (e.g. <c>lab_results.analyte</c>).</summary>
    Derived,
}

/// <summary>One column of a dataset, in the order of its analytical-store table.</summary>
/// <param name="Name">The column name (headers match it case-insensitively).</param>
/// <param name="Kind">How the text is parsed.</param>
/// <param name="Required">Bold in data-model.md: the column must be in the header and the value non-empty.</param>
public sealed record ColumnSpec(string Name, ColumnKind Kind, bool Required)
{
    /// <summary>The allowed codes (lower case) of a <see cref="ColumnKind.Code"/> column; null = open set.</summary>
    public FrozenSet<string>? Codes { get; init; }

    /// <summary>Smallest allowed number, when bounded.</summary>
    public double? Min { get; init; }

    /// <summary>Largest allowed number, when bounded.</summary>
    public double? Max { get; init; }

    /// <summary>The column's type in the analytical store's table (DuckDB), as <c>information_schema</c> names it.</summary>
    public string StoreType => Kind switch
    {
        ColumnKind.Date => "DATE",
        ColumnKind.Timestamp => "TIMESTAMP",
        ColumnKind.Money => "DECIMAL(18,2)",
        ColumnKind.Number => "DOUBLE",
        ColumnKind.WholeNumber => "INTEGER",
        ColumnKind.Flag => "BOOLEAN",
        _ => "VARCHAR",
    };
}
