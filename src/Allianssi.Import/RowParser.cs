using System.Collections.Frozen;
using Allianssi.Import.Diagnostics;
using Allianssi.Import.Identity;
using Allianssi.Import.Text;
using Allianssi.Import.Units;
using Allianssi.Store.Schema;

namespace Allianssi.Import;

/// <summary>
/// Turns one row's text fields into the typed, normalised, pseudonymised values of its
/// analytical-store table, reporting every problem as a diagnostic. Messages name the rule that
/// failed, never the value.
/// </summary>
internal sealed class RowParser
{
    private const int MaxTextLength = 1000;

    private readonly DatasetSchema _schema;
    private readonly IReadOnlySet<string> _units;
    private readonly FrozenSet<string>? _parties;
    private readonly int _selfReference;
    private readonly Func<int, DateOnly?, char?, bool>[] _rules;
    private readonly DiagnosticList _diagnostics;
    private readonly bool[] _mayHoldIdentifier;

    public RowParser(DatasetSchema schema, IReadOnlySet<string> units, IEnumerable<string>? parties, DiagnosticList diagnostics)
    {
        _schema = schema;
        _units = units;
        _parties = parties?.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _diagnostics = diagnostics;

        // A column naming a row of the same dataset (a unit's parent) may name one that comes later in the same file:
        // checked set-based afterwards (BatchWriter.FinishAppending).
        _selfReference = schema.SelfReference is { } self ? schema.Require(self) : -1;
        Values = new object?[schema.Columns.Count];
        _rules = [.. schema.Rules.Select(Bind)];

        // Every column stored as text that is open to any value; a person identifier column is pseudonymised, and the
        // other kinds (dates, numbers, closed code sets, unit and party references) cannot carry one through validation.
        _mayHoldIdentifier = [.. schema.Columns.Select(c => c.Kind is ColumnKind.FreeText or ColumnKind.UpperCode or ColumnKind.Icd10
            || (c.Kind == ColumnKind.Code && c.Codes is null))];
    }

    /// <summary>The parsed values of the last row, in table column order.</summary>
    public object?[] Values { get; }

    /// <summary>Parses a row; false when it is rejected (diagnostics added).</summary>
    /// <param name="row">The data row number.</param>
    /// <param name="fields">Field text by schema column index; null where the file lacks the column.</param>
    /// <param name="personPseudonym">
    /// The pseudonym of this row's person identifier, computed ahead by the caller (the import's scanner) from the same
    /// field whenever it is not blank; used only when the identifier is valid.
    /// </param>
    public bool TryParse(int row, string?[] fields, string? personPseudonym)
    {
        var ok = true;
        var hetuBirthDate = default(DateOnly?);
        var hetuSex = default(char?);
        for (var i = 0; i < _schema.Columns.Count; i++)
        {
            var column = _schema.Columns[i];
            Values[i] = null;
            if (column.Kind == ColumnKind.Derived)
            {
                continue;
            }

            var text = fields[i]?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (column.Required)
                {
                    ok = Fail(DiagnosticCodes.MissingValue, row, column, "A required value is empty.");
                }

                continue;
            }

            if (_mayHoldIdentifier[i] && Henkilotunnus.OccursIn(text))
            {
                ok = Fail(DiagnosticCodes.IdentifierInText, row, column, "The text holds a henkilötunnus: identifiers belong only in the person identifier column, which is pseudonymised.");
                continue;
            }

            switch (column.Kind)
            {
                case ColumnKind.PersonId:
                    var normalised = Pseudonymiser.Normalise(text);
                    switch (Henkilotunnus.Validate(normalised, out var birthDate, out var sex))
                    {
                        case HetuValidity.BadCheckCharacter:
                            ok = Fail(DiagnosticCodes.HetuCheck, row, column, "The henkilötunnus check character does not match.");
                            continue;
                        case HetuValidity.ImpossibleDate:
                            ok = Fail(DiagnosticCodes.HetuDate, row, column, "The henkilötunnus names a date that does not exist.");
                            continue;
                        case HetuValidity.Valid:
                            hetuBirthDate = birthDate;
                            hetuSex = sex;
                            break;
                        default:
                            break;
                    }

                    Values[i] = personPseudonym ?? throw new InvalidOperationException("The person identifier's pseudonym was not computed ahead.");
                    break;
                case ColumnKind.FreeText:
                    if (text.Length > MaxTextLength)
                    {
                        ok = Fail(DiagnosticCodes.TooLong, row, column, $"The value is longer than {MaxTextLength} characters.");
                        continue;
                    }

                    Values[i] = text;
                    break;
                case ColumnKind.Code:
                    var code = text.ToLowerInvariant();
                    if (column.Codes is { } codes && !codes.Contains(code))
                    {
                        ok = Fail(DiagnosticCodes.UnknownCode, row, column, $"Not one of the codes: {string.Join(", ", codes.Order(StringComparer.Ordinal))}.");
                        continue;
                    }

                    if (code.Length > MaxTextLength)
                    {
                        ok = Fail(DiagnosticCodes.TooLong, row, column, $"The value is longer than {MaxTextLength} characters.");
                        continue;
                    }

                    Values[i] = code;
                    break;
                case ColumnKind.UpperCode:
                    Values[i] = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
                    break;
                case ColumnKind.Icd10:
                    var icd = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
                    if (!IsIcd10(icd))
                    {
                        ok = Fail(DiagnosticCodes.MalformedCode, row, column, "Not an ICD-10 code (a letter, two digits, then optional detail such as E11.9).");
                        continue;
                    }

                    Values[i] = icd;
                    break;
                case ColumnKind.Municipality:
                    if (text.Length is < 1 or > 3 || !text.All(char.IsAsciiDigit))
                    {
                        ok = Fail(DiagnosticCodes.MalformedCode, row, column, "Not a Statistics Finland municipality code (one to three digits).");
                        continue;
                    }

                    Values[i] = text.PadLeft(3, '0');
                    break;
                case ColumnKind.PostalCode:
                    if (text.Length != 5 || !text.All(char.IsAsciiDigit))
                    {
                        ok = Fail(DiagnosticCodes.MalformedCode, row, column, "Not a postal code (five digits).");
                        continue;
                    }

                    Values[i] = text;
                    break;
                case ColumnKind.AgeGroup:
                    var group = text.Replace(" ", string.Empty, StringComparison.Ordinal);
                    if (!IsAgeGroup(group))
                    {
                        ok = Fail(DiagnosticCodes.MalformedCode, row, column, "Not an age group (such as 0-6 or 85+).");
                        continue;
                    }

                    Values[i] = group;
                    break;
                case ColumnKind.Sex:
                    var s = text.ToUpperInvariant() switch { "M" or "1" => "M", "F" or "2" => "F", _ => null };
                    if (s is null)
                    {
                        ok = Fail(DiagnosticCodes.UnknownCode, row, column, "Not one of the codes: M, F, 1, 2.");
                        continue;
                    }

                    Values[i] = s;
                    break;
                case ColumnKind.Date:
                    if (!Text.Values.TryParseDate(text, out var date))
                    {
                        ok = Fail(DiagnosticCodes.BadDate, row, column, "Not a date (YYYY-MM-DD or d.M.yyyy).");
                        continue;
                    }

                    Values[i] = date;
                    break;
                case ColumnKind.Timestamp:
                    if (!Text.Values.TryParseTimestamp(text, out var timestamp))
                    {
                        ok = Fail(DiagnosticCodes.BadTimestamp, row, column, "Not a timestamp (YYYY-MM-DDTHH:mm[:ss] or d.M.yyyy HH:mm).");
                        continue;
                    }

                    Values[i] = timestamp;
                    break;
                case ColumnKind.Money:
                    if (!Text.Values.TryParseDecimal(text, out var money) || Math.Abs(money) >= 1e15m)
                    {
                        ok = Fail(DiagnosticCodes.BadNumber, row, column, "Not a number (decimal comma or point; spaces may separate thousands).");
                        continue;
                    }

                    Values[i] = Math.Round(money, 2, MidpointRounding.AwayFromZero);
                    break;
                case ColumnKind.Number:
                    if (!Text.Values.TryParseDouble(text, out var number))
                    {
                        ok = Fail(DiagnosticCodes.BadNumber, row, column, "Not a number (decimal comma or point; spaces may separate thousands).");
                        continue;
                    }

                    if (!InRange(column, number, row))
                    {
                        ok = false;
                        continue;
                    }

                    Values[i] = number;
                    break;
                case ColumnKind.WholeNumber:
                    if (!Text.Values.TryParseInteger(text, out var integer))
                    {
                        ok = Fail(DiagnosticCodes.BadInteger, row, column, "Not a whole number.");
                        continue;
                    }

                    if (!InRange(column, integer, row))
                    {
                        ok = false;
                        continue;
                    }

                    Values[i] = integer;
                    break;
                case ColumnKind.Flag:
                    if (!Text.Values.TryParseBoolean(text, out var boolean))
                    {
                        ok = Fail(DiagnosticCodes.BadBoolean, row, column, "Not a boolean (1/0, true/false, kyllä/ei, yes/no).");
                        continue;
                    }

                    Values[i] = boolean;
                    break;
                case ColumnKind.UnitRef:
                    if (i != _selfReference && !_units.Contains(text))
                    {
                        ok = Fail(DiagnosticCodes.UnknownUnit, row, column, "No such unit in units.");
                        continue;
                    }

                    Values[i] = text;
                    break;
                case ColumnKind.PartyRef:
                    if (_parties is null || !_parties.Contains(text))
                    {
                        ok = Fail(DiagnosticCodes.UnknownParty, row, column, "Not a party of the alliance.");
                        continue;
                    }

                    Values[i] = text.ToLowerInvariant();
                    break;
                default:
                    throw new InvalidOperationException($"Column kind {column.Kind} has no parser.");
            }
        }

        return ApplyDatasetRules(row, hetuBirthDate, hetuSex) && ok;
    }

    private bool ApplyDatasetRules(int row, DateOnly? hetuBirthDate, char? hetuSex)
    {
        var ok = true;
        foreach (var rule in _rules)
        {
            ok &= rule(row, hetuBirthDate, hetuSex);
        }

        return ok;
    }

    /// <summary>The dataset rule as a check over this parser's values, its columns resolved by name once.</summary>
    private Func<int, DateOnly?, char?, bool> Bind(DatasetRule rule)
    {
        switch (rule)
        {
            case FillFromIdentifier fill:
                var birthDate = _schema.Require(fill.BirthDate);
                var sex = _schema.Require(fill.Sex);
                return (_, hetuBirthDate, hetuSex) =>
                {
                    Values[birthDate] ??= hetuBirthDate;
                    Values[sex] ??= hetuSex?.ToString();
                    return true;
                };
            case ConvertLabUnit lab:
                var test = _schema.Require(lab.TestCode);
                var value = _schema.Require(lab.Value);
                var unit = _schema.Require(lab.Unit);
                var analyte = _schema.Require(lab.Analyte);
                return (row, _, _) =>
                {
                    if (Values[test] is not string code || Values[value] is not double number || Values[unit] is not string given)
                    {
                        return true;
                    }

                    if (!LabUnits.TryConvert(code, given, number, out var converted))
                    {
                        return Fail(DiagnosticCodes.UnknownLabUnit, row, _schema.Columns[unit], "The unit cannot be converted for this test code.");
                    }

                    Values[value] = converted.Value;
                    Values[unit] = converted.Unit;
                    Values[analyte] = converted.Analyte;
                    return true;
                };
            case RangeForCode range:
                var codeColumn = _schema.Require(range.CodeColumn);
                var valueColumn = _schema.Require(range.ValueColumn);
                return (row, _, _) =>
                    !string.Equals(Values[codeColumn] as string, range.Code, StringComparison.Ordinal) || Values[valueColumn] is not double score
                    || (score >= range.Min && score <= range.Max)
                    || Fail(DiagnosticCodes.OutOfRange, row, _schema.Columns[valueColumn], range.Message);
            case EndNotBeforeStart dates:
                var start = _schema.Require(dates.Start);
                var end = _schema.Require(dates.End);
                return (row, _, _) => EndNotBeforeStart(row, start, end);
            default:
                throw new InvalidOperationException($"The dataset rule {rule.GetType().Name} has no check.");
        }
    }

    private bool EndNotBeforeStart(int row, int start, int end) =>
        Values[start] is not DateOnly from || Values[end] is not DateOnly to || to >= from
        || Fail(DiagnosticCodes.EndBeforeStart, row, _schema.Columns[end], $"Earlier than {_schema.Columns[start].Name}.");

    private bool InRange(ColumnSpec column, double value, int row)
    {
        if ((column.Min is { } min && value < min) || (column.Max is { } max && value > max))
        {
            return Fail(DiagnosticCodes.OutOfRange, row, column, $"Outside the range {column.Min?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}..{column.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}.");
        }

        return true;
    }

    private bool Fail(string code, int row, ColumnSpec column, string message)
    {
        _diagnostics.Add(code, row, column.Name, Severity.Error, message);
        return false;
    }

    private static bool IsIcd10(string code)
    {
        if (code.Length < 3 || !char.IsAsciiLetterUpper(code[0]) || !char.IsAsciiDigit(code[1]) || !char.IsAsciiDigit(code[2]))
        {
            return false;
        }

        foreach (var c in code.AsSpan(3))
        {
            if (!char.IsAsciiDigit(c) && !char.IsAsciiLetterUpper(c) && c is not ('.' or '+' or '*' or '#' or '&'))
            {
                return false;
            }
        }

        return code.Length <= 16;
    }

    private static bool IsAgeGroup(string group)
    {
        var dash = group.IndexOf('-', StringComparison.Ordinal);
        if (group.EndsWith('+'))
        {
            return group.Length is > 1 and <= 4 && group[..^1].All(char.IsAsciiDigit);
        }

        return dash > 0 && dash < group.Length - 1 && dash <= 3 && group.Length - dash - 1 <= 3
            && group[..dash].All(char.IsAsciiDigit) && group[(dash + 1)..].All(char.IsAsciiDigit)
            && int.Parse(group[..dash], System.Globalization.CultureInfo.InvariantCulture) <= int.Parse(group[(dash + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
