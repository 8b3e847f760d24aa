namespace Allianssi.Web.Infrastructure;

/// <summary>
/// Runs a use case in its own DI scope, so an interactive component (which lives as long as its
/// circuit) never shares one DbContext across operations.
/// </summary>
internal sealed class UseCaseRunner(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TUseCase, TResult>(Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var scope = scopes.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }
}
