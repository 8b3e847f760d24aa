namespace Allianssi.Application.UseCases.Common;

/// <summary>How a use case ended.</summary>
public enum OutcomeStatus
{
    Ok,
    NotFound,
    Invalid,
    Forbidden,

    /// <summary>The request conflicts with the state of the data (a result locked by approval).</summary>
    Conflict,
}

/// <summary>
/// The result of a use case: a value, or why there is none. Validation errors are keyed by the
/// field they concern (e.g. <c>amount</c>, <c>levels.zero</c>) and say what is wrong and where.
/// </summary>
public sealed record Outcome<T>
{
    private Outcome(OutcomeStatus status, T? value, string? message, IReadOnlyDictionary<string, string[]>? errors)
    {
        Status = status;
        Value = value;
        Message = message;
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public OutcomeStatus Status { get; }

    public T? Value { get; }

    public string? Message { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// The same errors with their stable codes and values (<see cref="Domain.Scenarios.ScenarioError.Code"/>),
    /// for a page that words them in the reader's language; empty when the errors have only their texts.
    /// </summary>
    public IReadOnlyList<Domain.Scenarios.ScenarioError> Coded { get; init; } = [];

    /// <summary>
    /// The stable code of a refusal that is not validation (<c>notFound.period</c>, <c>forbidden.weights</c>,
    /// <c>conflict.lastAdmin</c>), for a client or a page that words it in the reader's language; null for Ok and
    /// Invalid (whose errors carry their codes in <see cref="Coded"/>).
    /// </summary>
    public string? Code { get; private init; }

    /// <summary>The values of <see cref="Message"/> in the order of <c>Validation.{Code}</c>'s placeholders.</summary>
    public IReadOnlyList<object?> Arguments { get; private init; } = [];

    public bool IsOk => Status == OutcomeStatus.Ok;

#pragma warning disable CA1000 // Factories on the generic type read best at the call site.
    public static Outcome<T> Ok(T value) => new(OutcomeStatus.Ok, value, null, null);

    /// <summary>Nothing <paramref name="what"/> names exists (e.g. <c>$"period '{code}'"</c>; the API answers "No period 'P9'.").</summary>
    public static Outcome<T> NotFound(string code, FormattableString what) => Refused(OutcomeStatus.NotFound, code, what);

    /// <summary>The user's role or party may not do this; <paramref name="why"/> names the rule.</summary>
    public static Outcome<T> Forbidden(string code, FormattableString why) => Refused(OutcomeStatus.Forbidden, code, why);

    /// <summary>The request conflicts with the state of the data; <paramref name="why"/> says how.</summary>
    public static Outcome<T> Conflict(string code, FormattableString why) => Refused(OutcomeStatus.Conflict, code, why);

    public static Outcome<T> Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(OutcomeStatus.Invalid, default, string.Join("; ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))), errors);

    public static Outcome<T> Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>One field's error with its stable code (<c>form.noStore</c>) and values, as <see cref="Validation.Add(string, string, FormattableString)"/>.</summary>
    public static Outcome<T> Invalid(string field, string code, FormattableString message)
    {
        var validation = new Validation();
        validation.Add(field, code, message);
        return validation.ToOutcome<T>();
    }

    /// <summary>The same refusal (status, text, code and values, or the coded errors) for a use case that answers another type.</summary>
    public Outcome<TOther> Relay<TOther>() => IsOk
        ? throw new InvalidOperationException("An Ok outcome is not a refusal to relay.")
        : new(Status, default, Message, Errors) { Code = Code, Arguments = Arguments, Coded = Coded };

    private static Outcome<T> Refused(OutcomeStatus status, string code, FormattableString message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        return new(status, default, FormattableString.Invariant(message), null) { Code = code, Arguments = message.GetArguments() };
    }
#pragma warning restore CA1000
}

/// <summary>
/// Collects validation errors keyed by field. An error with a stable code (<c>form.yearOutsideAlliance</c>) keeps its
/// values, so a page words it in the reader's language from the resource <c>Validation.{code}</c>; its text here is
/// the invariant English the API and the logs carry.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private readonly List<Domain.Scenarios.ScenarioError> _coded = [];

    public bool HasErrors => _errors.Count > 0;

    /// <summary>An error with its text only (no page words it in another language).</summary>
    public void Add(string field, string message)
    {
        Append(field, message);
        _coded.Add(new Domain.Scenarios.ScenarioError(field, message));
    }

    /// <summary>An error with its stable code; the message's values are its arguments, formatted invariantly in the text.</summary>
    public void Add(string field, string code, FormattableString message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = FormattableString.Invariant(message);
        Append(field, text);
        _coded.Add(new Domain.Scenarios.ScenarioError(field, text) { Code = code, Arguments = message.GetArguments() });
    }

    public IReadOnlyDictionary<string, string[]> Errors =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public Outcome<T> ToOutcome<T>() => Outcome<T>.Invalid(Errors) with { Coded = [.. _coded] };

    private void Append(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }
}

/// <summary>
/// The refusals of a year the request cannot use, one wording each for scoring, settling, computing and the
/// care-gap lists (the API keeps the English text, a page words the code).
/// </summary>
public static class YearRefusals
{
    /// <summary>The year is not one of the period's years (<c>form.yearOutsidePeriod</c>).</summary>
    public static void AddOutsidePeriod(this Validation v, int year, string period, int first, int last)
    {
        ArgumentNullException.ThrowIfNull(v);
        v.Add("year", "form.yearOutsidePeriod", $"{year} is not a year of period {period} ({first}-{last})");
    }

    /// <inheritdoc cref="AddOutsidePeriod"/>
    public static Outcome<T> OutsidePeriod<T>(int year, string period, int first, int last)
    {
        var v = new Validation();
        v.AddOutsidePeriod(year, period, first, last);
        return v.ToOutcome<T>();
    }

    /// <summary>No year was given where one is needed (<c>form.yearRequired</c>).</summary>
    public static Outcome<T> Required<T>()
    {
        var v = new Validation();
        v.Add("year", "form.yearRequired", $"give a year");
        return v.ToOutcome<T>();
    }

    /// <summary>The year is in none of the alliance's periods, or there is no data yet (<c>form.yearInNoPeriod</c>).</summary>
    public static Outcome<T> InNoPeriod<T>(int year)
    {
        var v = new Validation();
        v.Add("year", "form.yearInNoPeriod", $"{year} is in no period, or there is no data yet");
        return v.ToOutcome<T>();
    }
}
