namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class ConnectionStringAndUrlRulesTests
{
    [TestMethod]
    public void Finds_sql_server_connection_string_password()
    {
        RuleAssert.Finds("SG1008", "{\"ConnectionStrings\":{\"Db\":\"Server=db;Database=app;User Id=sa;Password=Pr0d-Pa55word!;\"}}", "Pr0d-Pa55word!");
    }

    [TestMethod]
    public void Finds_npgsql_connection_string_password_in_env()
    {
        RuleAssert.Finds("SG1008", "ConnectionStrings__Db=Host=pg;Username=app;Pwd=k8Ds93jd", "k8Ds93jd");
    }

    [TestMethod]
    public void Connection_string_with_placeholder_password_is_not_a_finding()
    {
        RuleAssert.Clean("Server=db;User Id=sa;Password=${DB_PASSWORD};");
        RuleAssert.Clean("Server=db;User Id=sa;Password=<your-password>;");
    }

    [TestMethod]
    public void Integrated_security_connection_string_is_not_a_finding() =>
        RuleAssert.Clean("Server=db;Database=app;Integrated Security=true;TrustServerCertificate=true");

    [TestMethod]
    public void Finds_postgres_url_password() => RuleAssert.Finds("SG1009", "DATABASE_URL=postgres://app:s3cr3tPw@db.internal:5432/app", "s3cr3tPw");

    [TestMethod]
    public void Finds_git_credentials_line() => RuleAssert.Finds("SG1009", "https://deploy:Tk93kdLq0@git.internal.corp\n", "Tk93kdLq0");

    [TestMethod]
    public void Url_with_placeholder_password_is_not_a_finding()
    {
        RuleAssert.Clean("mongodb://user:password@localhost:27017");
        RuleAssert.Clean("amqp://guest:${RABBIT_PASSWORD}@rabbit/");
    }

    [TestMethod]
    public void Url_without_password_is_not_a_finding() => RuleAssert.Clean("See https://user@example.org:8080/path and http://localhost:5000/");

    [TestMethod]
    public void Url_without_a_user_is_not_a_finding() => RuleAssert.Clean("  cvs://:pserver:anoncvs@sources.redhat.com:/cvs/src");
}
