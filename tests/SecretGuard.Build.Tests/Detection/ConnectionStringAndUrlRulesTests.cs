using SecretGuard.Detection;
using SecretGuard.Detection.Rules;

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
    [DataRow("const user = settings.user; const password = settings.password; const server = settings.host;")]
    [DataRow("username = utils.getSafeProp(auth, 'username'); password = utils.getSafeProp(auth, 'password');")]
    [DataRow("var uid = decodeURIComponent(url.username); Password = decodeURIComponentSafe(parsedURL.password);")]
    public void Code_assigning_a_password_beside_other_connection_words_is_not_a_connection_string(string code) =>
        Assert.IsFalse(RuleSet.Default.Scan(code, TextOrigin.SourceCode).Any(h => h.Rule.Id == "SG1008"), code);

    /// <summary>A password of fewer than six characters or of punctuation alone is a sample's or a mask (issue 28).</summary>
    [TestMethod]
    [DataRow("Server=db;User Id=sa;Password=***;")]
    [DataRow("Server=db;User Id=sa;Password=******;")]
    [DataRow("Server=db;User Id=sa;Password=-----;")]
    [DataRow("Server=db;User Id=sa;Pwd=abc;")]
    [DataRow("Host=pg;Username=app;Password=12345;")]
    public void Short_or_punctuation_only_passwords_are_not_connection_string_findings(string text) =>
        Assert.IsFalse(RuleSet.Default.Scan(text + "\n").Any(h => h.Rule.Id == "SG1008"), text);

    [TestMethod]
    public void A_connection_string_as_a_compose_default_ends_its_password_before_the_closing_brace()
    {
        // The same password must be the same credential (one fingerprint) wherever it is written.
        RuleAssert.Finds("SG1008", "    environment:\n      - ConnectionString=${IDENTITY_DB:-Server=sqldata;Database=Identity;User Id=sa;Password=Zq8@vLm2N}\n", "Zq8@vLm2N");
        RuleAssert.Finds("SG1008", "CS=${A:-${B:-Host=pg;Username=app;Password=Zq8@vLm2N}}\n", "Zq8@vLm2N");
        // With no expansion open on the line, a closing brace is the password's own.
        RuleAssert.Finds("SG1008", "Server=db;User Id=sa;Password=Zq8@vLm2N}\n", "Zq8@vLm2N}");
        RuleAssert.Finds("SG1008", "X=${HOME}/app Server=db;User Id=sa;Password=Zq8@vLm2N}\n", "Zq8@vLm2N}");
    }

    [TestMethod]
    public void A_password_with_dots_and_symbols_is_still_found() =>
        RuleAssert.Finds("SG1008", "Server=db.internal;User Id=app;Password=Pr0d.Db!2024;", "Pr0d.Db!2024");

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
    [DataRow("@example \"amqp://guest:guest@localhost:5672\"")]
    [DataRow("DATABASE_URL=postgres://postgres:postgres@db:5432/app")]
    [DataRow(" *     mongoose.createConnection('mongodb://val:psw@127.0.0.1:27017/mydb').user;")]
    [DataRow("ftp://anonymous:pwd@ftp.internal/")]
    public void Published_defaults_and_password_stand_ins_are_not_findings(string text) => RuleAssert.Clean(text);

    [TestMethod]
    public void A_password_that_only_starts_like_the_user_name_is_found() =>
        RuleAssert.Finds("SG1009", "amqp://guest:guest7Qz@rabbit.internal:5672", "guest7Qz");

    [TestMethod]
    public void Url_without_password_is_not_a_finding() => RuleAssert.Clean("See https://user@example.org:8080/path and http://localhost:5000/");

    [TestMethod]
    public void Url_without_a_user_is_not_a_finding() => RuleAssert.Clean("  cvs://:pserver:anoncvs@sources.redhat.com:/cvs/src");

    [TestMethod]
    public void Url_password_is_found_among_documentation_urls_on_one_line()
    {
        // Lines of plain URLs are skipped before the regex; one that holds a user and password is not.
        RuleAssert.Finds("SG1009", "<a href=\"https://docs.example.org/a\">docs</a> see ftp://files.host/x then amqp://svc:Xk9vL2qW8zR4@mq.internal:5672/ <a href=\"http://b/\">", "Xk9vL2qW8zR4");
        RuleAssert.Finds("SG1009", "url: https://cdn.host/lib.js, db: mysql://root:Xk9vL2qW8zR4@10.0.0.5/app", "Xk9vL2qW8zR4");
        RuleAssert.Finds("SG1009", "jdbc:sqlserver://db.internal:1433/x?encrypt=true&PWD=Xk9vL2qW8zR4", "Xk9vL2qW8zR4");
    }

    [TestMethod]
    public void Url_pre_check_reads_the_url_up_to_its_end()
    {
        Assert.IsTrue(UrlPasswordRule.MayHoldCredential("https://u:p@h", 8));
        Assert.IsTrue(UrlPasswordRule.MayHoldCredential("jdbc:postgresql://h/db?user=a&Password=x", 18));
        Assert.IsTrue(UrlPasswordRule.MayHoldCredential("odbc://h/?pwd=x", 7));
        Assert.IsFalse(UrlPasswordRule.MayHoldCredential("https://learn.microsoft.com/dotnet/api?view=net-10.0", 8));
        Assert.IsFalse(UrlPasswordRule.MayHoldCredential("https://host/path mail me@example.org", 8)); // the @ is past the URL's end
        Assert.IsFalse(UrlPasswordRule.MayHoldCredential("\"https://host/\" title=\"a@b\"", 9));
        Assert.IsFalse(UrlPasswordRule.MayHoldCredential("https://host/passage", 8));
        Assert.IsTrue(UrlPasswordRule.MayHoldCredential("https://host/?passwd=x", 8));
        Assert.IsFalse(UrlPasswordRule.MayHoldCredential("https://", 8)); // nothing after the scheme
    }

    /// <summary>Rules tested here that sit in the prefixed rules' range of codes.</summary>
    public static readonly string[] Rules = ["SG1114"];

    [TestMethod]
    public void Redis_configuration_string_as_azure_hands_it_out()
    {
        RuleAssert.Finds("SG1114", "{ \"ConnectionStrings\": { \"Redis\": \"orders.redis.cache.windows.net:6380,password=Zq8vL2xW9kR4mN7pT3sY6bV1cX5=,ssl=True,abortConnect=False\" } }", "Zq8vL2xW9kR4mN7pT3sY6bV1cX5=");
        RuleAssert.Finds("SG1114", "REDIS=cache:6379,ssl=False,password=Xk9vL2qW8zR4,defaultDatabase=2\n", "Xk9vL2qW8zR4");
    }

    [TestMethod]
    public void Redis_server_config_and_cli_passwords()
    {
        RuleAssert.Finds("SG1114", "bind 0.0.0.0\nrequirepass Xk9vL2qW8zR4\nmaxmemory 256mb\n", "Xk9vL2qW8zR4");
        RuleAssert.Finds("SG1114", "masterauth Tz4wR9kLm2qP\n", "Tz4wR9kLm2qP");
        RuleAssert.Finds("SG1114", "HEALTHCHECK CMD redis-cli -h localhost -a Xk9vL2qW8zR4 ping\n", "Xk9vL2qW8zR4");
    }

    [TestMethod]
    public void Redis_near_misses_are_not_reported()
    {
        RuleAssert.Clean("\"Redis\": \"cache:6379,ssl=True,abortConnect=False\""); // no password
        RuleAssert.Clean("# requirepass foobared\n"); // the commented default of redis.conf
        RuleAssert.Clean("redis-cli -a $REDIS_PASSWORD ping");
        RuleAssert.Clean("\"Redis\": \"cache:6379,password=${REDIS_PASSWORD}\"");
        // A sample's instructions: the host is a placeholder (<your-domain>), so the rest is no configuration string.
        RuleAssert.Clean("\"TokenCacheRedisConnStr\": \"[Replace with your domain like so: <your-domain>.redis.cache.windows.net:6380,password=SomeLongPassword,ssl=True,abortConnect=False or with 'localhost' if running locally]\"");
        RuleAssert.Clean("\"Redis\": \"<your-domain>.redis.cache.windows.net:6380,password=SomeLongPassword,ssl=True,abortConnect=False\"");
    }

    [TestMethod]
    public void Jdbc_urls_with_a_password_in_the_query_or_oracle_thin_form()
    {
        RuleAssert.Finds("SG1009", "spring.datasource.url=jdbc:postgresql://db.internal:5432/orders?user=app&password=Xk9vL2qW8zR4&ssl=true", "Xk9vL2qW8zR4");
        RuleAssert.Finds("SG1009", "jdbc:oracle:thin:app/Xk9vL2qW8zR4@db.internal:1521/ORCL", "Xk9vL2qW8zR4");
        RuleAssert.Finds("SG1009", "REDIS_URL=redis://:Xk9vL2qW8zR4@cache.internal:6379/0", "Xk9vL2qW8zR4");
    }

    [TestMethod]
    public void Jdbc_urls_without_a_password_or_with_a_placeholder_are_not_reported()
    {
        RuleAssert.Clean("spring.datasource.url=jdbc:postgresql://db.internal:5432/orders?user=app&ssl=true");
        RuleAssert.Clean("jdbc:oracle:thin:app/${DB_PASSWORD}@db.internal:1521/ORCL");
        RuleAssert.Clean("jdbc:postgresql://db.example.com/orders?user=app&password=Xk9vL2qW8zR4");
    }
}
