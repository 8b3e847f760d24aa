using Allianssi.Application.UseCases.Approvals;
using Allianssi.Application.UseCases.Common;

namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Runs a use case in its own DI scope, so an interactive component (which lives as long as its
/// circuit) never shares one DbContext across operations.
/// </summary>
/// <remarks>
/// A change refused because it feeds a result locked by approval (or conflicts with an approval)
/// throws from the save; the API answers it with 409, and here a use case that returns an
/// <see cref="Outcome{T}"/> gets a <see cref="OutcomeStatus.Conflict"/> outcome with the conflict's code and values
/// instead (<c>conflict.resultLocked</c>), which the page words in its language, rather than losing its circuit.
/// </remarks>
internal sealed class UseCaseRunner(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
        }
        catch (ResultConflictException e) when (ConflictOutcome<TResult>.Create is { } create && e is { Code: { } code, Text: { } text })
        {
            return create(code, text);
        }
    }

    /// <summary>Makes a conflict outcome when <typeparamref name="T"/> is an <see cref="Outcome{T}"/>; null otherwise.</summary>
    private static class ConflictOutcome<T>
    {
        public static readonly Func<string, FormattableString, T>? Create = Build();

        private static Func<string, FormattableString, T>? Build()
        {
            if (!typeof(T).IsGenericType || typeof(T).GetGenericTypeDefinition() != typeof(Outcome<>))
            {
                return null;
            }

            var factory = typeof(T).GetMethod(nameof(Outcome<int>.Conflict), [typeof(string), typeof(FormattableString)])!;
            return (code, message) => (T)factory.Invoke(null, [code, message])!;
        }
    }
}
