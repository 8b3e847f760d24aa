using System.Globalization;
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
/// <see cref="Outcome{T}"/> gets a <see cref="OutcomeStatus.Conflict"/> outcome with a message in the
/// page's language instead, so the page shows it rather than losing its circuit.
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
        catch (ResultConflictException e) when (ConflictOutcome<TResult>.Create is { } create)
        {
            return create(ConflictMessage(e));
        }
    }

    /// <summary>The conflict in the UI's language (Finnish or English), naming the lock when there is one.</summary>
    internal static string ConflictMessage(ResultConflictException conflict)
    {
        var finnish = Cultures.IsFinnish;
        if (conflict is not ResultLockedException { Scope: { } scope } locked)
        {
            return conflict.Message;
        }

        return finnish
            ? $"Tulos {scope} on lukittu hyväksynnällä: kaikki osapuolet ovat hyväksyneet sen (tilannekuvan SHA-256 {locked.SnapshotHash}). " +
              $"Muutos ({locked.Change}) vaikuttaa lukittuun tulokseen, joten sitä ei tallennettu. Avaaminen vaatii kaikkien osapuolten hyväksynnän."
            : $"The result {scope} is locked by approval: every party approved it (snapshot SHA-256 {locked.SnapshotHash}). " +
              $"The change ({locked.Change}) feeds the locked result, so it was not saved. Reopening needs the approval of every party.";
    }

    /// <summary>Makes a conflict outcome when <typeparamref name="T"/> is an <see cref="Outcome{T}"/>; null otherwise.</summary>
    private static class ConflictOutcome<T>
    {
        public static readonly Func<string, T>? Create = Build();

        private static Func<string, T>? Build()
        {
            if (!typeof(T).IsGenericType || typeof(T).GetGenericTypeDefinition() != typeof(Outcome<>))
            {
                return null;
            }

            var factory = typeof(T).GetMethod(nameof(Outcome<int>.Conflict), [typeof(string)])!;
            return message => (T)factory.Invoke(null, [message])!;
        }
    }
}
