using SecretGuard.Detection.Rules;
using SecretGuard.Findings;

namespace SecretGuard.Tests.Detection;

[TestClass]
public sealed class CredentialAssignmentRuleTests
{
    [TestMethod]
    public void Finds_password_in_env_entry() => RuleAssert.Finds("SG1010", "DB_PASSWORD=Sup3rS3cret!", "Sup3rS3cret!");

    [TestMethod]
    public void Finds_api_key_in_appsettings_json() =>
        RuleAssert.Finds("SG1010", "{\n  \"Payments\": {\n    \"ApiKey\": \"q8Zr1kPw0sLx7YtB\"\n  }\n}", "q8Zr1kPw0sLx7YtB");

    [TestMethod]
    public void Finds_npmrc_auth_token() => RuleAssert.Finds("SG1010", "//npm.mirror.shopfloor.net/:_authToken=a8f3b2c1d4e5f60718293a4b5c6d7e8f", "a8f3b2c1d4e5f60718293a4b5c6d7e8f");

    [TestMethod]
    public void Finds_nuget_config_clear_text_password() =>
        RuleAssert.Finds("SG1010", "<packageSourceCredentials><feed><add key=\"ClearTextPassword\" value=\"n9Kd82hfLq\" /></feed></packageSourceCredentials>", "n9Kd82hfLq");

    [TestMethod]
    public void Finds_a_password_in_an_xml_element_as_maven_keeps_it() =>
        RuleAssert.Finds("SG1010", "<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n      <username>deploy</username>\n      <password>n9Kd82hfLq</password>\n    </server>\n  </servers>\n</settings>\n", "n9Kd82hfLq");

    [TestMethod]
    public void Finds_a_credential_in_an_xml_elements_value_attribute_as_log4net_keeps_it()
    {
        RuleAssert.Finds("SG1010", "<appender name=\"Smtp\" type=\"log4net.Appender.SmtpAppender\">\n  <username value=\"alerts\" />\n  <password value=\"n9Kd82hfLq\" />\n</appender>\n", "n9Kd82hfLq");
        RuleAssert.Finds("SG1010", "<PublishProfile>\n  <ApiKey>q8Zr1kPw0sLx7YtB</ApiKey>\n</PublishProfile>\n", "q8Zr1kPw0sLx7YtB");
    }

    [TestMethod]
    public void Finds_a_password_in_an_xml_element_with_attributes_as_filezilla_keeps_it()
    {
        var password = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(TestSecrets.Random(14, seed: 1019)));
        RuleAssert.Finds("SG1010", "<Server>\n  <Host>ftp.shopfloor.net</Host>\n  <User>deploy</User>\n  <Pass encoding=\"base64\">" + password + "</Pass>\n</Server>\n", password);
    }

    [TestMethod]
    [DataRow("<Pass encoding=\"base64\" />")]
    [DataRow("<password required=\"true\">${DB_PASSWORD}</password>")]
    [DataRow("<password>${env.NEXUS_PASSWORD}</password>")]
    [DataRow("<password></password>")]
    [DataRow("<password>The password of the account.</password>")]
    [DataRow("<passwordFile>/run/secrets/nexus</passwordFile>")]
    [DataRow("<password value=\"\" />")]
    [DataRow("<param name=\"password\">The password to use.</param>")]
    [DataRow("<token>abc</token>")]
    [DataRow("<apiKey>your-api-key-here</apiKey>")]
    public void An_xml_element_that_holds_no_credential_is_clean(string text) => RuleAssert.Clean(text);

    [TestMethod]
    [DataRow("const X_AWS_EC2_METADATA_TOKEN = \"x-aws-ec2-metadata-token\";")]
    [DataRow("SESSION_TOKEN_HEADER: 'Session-Token-Header'")]
    [DataRow("exports.ASPNETCORE_IDENTITY_TOKEN_PURPOSE_VALUE_RESET_PASSWORD = \"reset_password\";")]
    [DataRow("USER_UPDATE_TYPE_VALUE_CHANGE_PASSWORD: 'change-password',")]
    public void A_value_that_spells_its_own_name_is_a_name_not_a_credential(string text) => RuleAssert.Clean(text);

    /// <summary>A password made of the name's word with a symbol in it is a password (eShop's SQL Server one), under any name.</summary>
    [TestMethod]
    [DataRow("      pwd: Pass@word        # SQL pwd", "Pass@word")]
    [DataRow("  password: Pass@word", "Pass@word")]
    [DataRow("{ \"Password\": \"Pass@word\" }", "Pass@word")]
    [DataRow("SA_PASSWORD=Pass@word", "Pass@word")]
    public void A_password_made_of_the_names_word_with_a_symbol_is_found(string text, string password) => RuleAssert.Finds("SG1010", text, password);

    /// <summary>A Compose or shell default is the value whenever the variable is unset: it is in the file for anyone to read.</summary>
    [TestMethod]
    [DataRow("    environment:\n      - DB_PASSWORD=${DB_PASSWORD:-Xy7kq2Lm9Tz}\n")]
    [DataRow("    environment:\n      DB_PASSWORD: ${DB_PASSWORD:-Xy7kq2Lm9Tz}\n")]
    [DataRow("export DB_PASSWORD=\"${DB_PASSWORD-Xy7kq2Lm9Tz}\"\n")]
    public void A_default_of_a_reference_is_a_value(string text) => RuleAssert.Finds("SG1010", text, "Xy7kq2Lm9Tz");

    [TestMethod]
    [DataRow("      DB_PASSWORD: ${DB_PASSWORD}\n")]
    [DataRow("      DB_PASSWORD: ${DB_PASSWORD:-}\n")]
    [DataRow("      DB_PASSWORD: ${DB_PASSWORD:-changeme}\n")]
    [DataRow("      DB_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}\n")]
    [DataRow("      DB_PASSWORD: ${DB_PASSWORD:-${FALLBACK_PASSWORD}}\n")]
    public void A_reference_without_a_real_default_is_clean(string text) => RuleAssert.Clean(text);

    [TestMethod]
    [DataRow("            Based on CompilationPass::CLSReduceSignature.")]
    [DataRow("    return TokenKind::SecretValue;")]
    public void A_scope_operator_is_not_an_assignment(string text) => RuleAssert.Clean(text);

    [TestMethod]
    public void A_colon_assignment_is_still_one() => RuleAssert.Finds("SG1010", "db_password: Xy7kq2Lm9Tz", "Xy7kq2Lm9Tz");

    [TestMethod]
    public void A_value_that_ends_like_its_name_but_holds_more_is_still_a_credential()
    {
        RuleAssert.Finds("SG1010", "RESET_PASSWORD: \"reset_password_9Qz\"", "reset_password_9Qz");
        Assert.IsTrue(FoundIn("DB_PASSWORD = \"password_Kq9\"\n", SecretGuard.Detection.TextOrigin.SourceCode));
    }

    [TestMethod]
    public void In_source_code_a_camel_case_word_is_an_identifier_and_elsewhere_a_password()
    {
        var code = SecretGuard.Detection.TextOrigin.SourceCode;
        Assert.IsFalse(FoundIn("  'allPass': 'overEvery',\n", code));
        Assert.IsFalse(FoundIn("        step: \"submitAttributes\" | \"submitPassword\" = \"submitAttributes\"\n", code));
        Assert.IsTrue(FoundIn("  password: 'overEvery7',\n", code), "a digit makes it a password");
        Assert.IsTrue(FoundIn("  password: 'Overeverything',\n", code), "no hump: a word a person chose");
        Assert.IsTrue(FoundIn("\"Password\": \"overEvery\"\n", SecretGuard.Detection.TextOrigin.File), "in a config file it is the password");
    }

    [TestMethod]
    public void A_value_that_only_starts_like_its_name_is_still_a_credential() =>
        RuleAssert.Finds("SG1010", "X_METADATA_TOKEN=\"x-metadata-token-q8Zr1kPw0sLx7YtB\"", "x-metadata-token-q8Zr1kPw0sLx7YtB");

    [TestMethod]
    public void Finds_client_secret_in_dotenv() => RuleAssert.Finds("SG1010", "export AZURE_CLIENT_SECRET=Qw8~Zx9Lm2Np4Rt6Vy1Bc3", "Qw8~Zx9Lm2Np4Rt6Vy1Bc3");

    [TestMethod]
    [DataRow("DB_PASSWORD=hunter2hunter", "File", "Medium")]
    [DataRow("DB_PASSWORD=Tr0ub4dor&3x", "File", "High")]
    [DataRow("DB_PASSWORD=hunter2hunter", "ConfigEntry", "High")]
    [DataRow("API_TOKEN=a8f3b2c1d4e5f607", "File", "Medium")]
    [DataRow("API_TOKEN=a8f3b2c1d4e5f60718293a4b5c6d7e8f", "File", "High")]
    public void Confidence_is_high_in_image_config_and_for_generated_looking_values(string text, string origin, string expected)
    {
        var match = new CredentialAssignmentRule().Find(text, Enum.Parse<SecretGuard.Detection.TextOrigin>(origin)).Single();
        Assert.AreEqual(Enum.Parse<Confidence>(expected), match.Confidence);
    }

    [TestMethod]
    public void A_generated_password_of_small_letters_and_digits_is_high_as_an_azure_devops_pat_in_nuget_config_is()
    {
        var pat = TestSecrets.Random(52, "abcdefghijklmnopqrstuvwxyz234567", seed: 1010);
        var config = "<configuration>\n  <packageSourceCredentials>\n    <contoso>\n      <add key=\"Username\" value=\"build\" />\n      <add key=\"ClearTextPassword\" value=\"" + pat + "\" />\n    </contoso>\n  </packageSourceCredentials>\n</configuration>\n";
        var match = new CredentialAssignmentRule().Find(config, SecretGuard.Detection.TextOrigin.File).Single();
        Assert.AreEqual((pat.Length, Confidence.High), (match.Length, match.Confidence));
        Assert.AreEqual(Confidence.Medium, new CredentialAssignmentRule().Find("DB_PASSWORD=correcthorse2", SecretGuard.Detection.TextOrigin.File).Single().Confidence, "a short one of two kinds stays medium");
    }

    [TestMethod]
    public void Values_in_a_tools_encrypted_form_are_warnings_named_as_encrypted()
    {
        var dpapi = "AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA" + TestSecrets.Random(200, TestSecrets.Base64Chars, seed: 1015) + "==";
        var jenkins = "{AQAAABAAAAAQ" + TestSecrets.Random(40, TestSecrets.Base64Chars, seed: 1016) + "=}";
        var maven = "{" + TestSecrets.Random(22, TestSecrets.Base64Chars, seed: 1017) + "=}";
        foreach (var (text, holder) in new[]
        {
            ("<add key=\"Password\" value=\"" + dpapi + "\" />", "DPAPI"),
            ("<password>" + jenkins + "</password>", "Jenkins"),
            ("<server>\n  <id>nexus</id>\n  <password>" + maven + "</password>\n</server>", "Maven"),
        })
        {
            var match = new CredentialAssignmentRule().Find(text, SecretGuard.Detection.TextOrigin.File).Single();
            Assert.AreEqual(Confidence.Medium, match.Confidence, text);
            StringAssert.StartsWith(match.Label, "encrypted value of ");
            StringAssert.Contains(match.Label, holder);
        }

        var clear = "{" + TestSecrets.Random(10, seed: 1018) + "!x}";
        Assert.AreEqual(Confidence.High, new CredentialAssignmentRule().Find("<password>" + clear + "</password>", SecretGuard.Detection.TextOrigin.File).Single().Confidence, "braces around a value that is not base64 are part of a password");
    }

    [TestMethod]
    public void A_tokens_name_written_as_one_word_names_a_credential()
    {
        var token = "2" + TestSecrets.Random(26, seed: 1013) + "_" + TestSecrets.Random(21, seed: 1014);
        RuleAssert.Finds("SG1010", "version: \"2\"\nauthtoken: " + token + "\n", token);
        RuleAssert.Finds("SG1010", "ACCESSTOKEN=" + token + "\n", token);
        RuleAssert.Finds("SG1010", "ngrokauthtoken: " + token + "\n", token);
        Assert.IsFalse(new CredentialAssignmentRule().Find("xsrftoken: " + token + "\ncsrftoken: " + token + "\n").Any(), "an anti-forgery token's name is not a credential's");
    }

    [TestMethod]
    public void A_sealed_secrets_encrypted_data_is_not_a_credential()
    {
        var sealedValue = "Ag" + TestSecrets.Random(700, TestSecrets.Base64Chars, seed: 1011) + "==";
        var manifest = "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db\nspec:\n  encryptedData:\n    password: " + sealedValue + "\n    api_token: " + sealedValue + "\n";
        RuleAssert.Clean(manifest);
        var password = TestSecrets.Random(20, seed: 1012);
        RuleAssert.Finds("SG1010", "kind: ConfigMap\ndata:\n  password: " + password + "\n", password);
    }

    [TestMethod]
    public void Finds_names_after_dashes_digits_and_dots_but_not_inside_a_word()
    {
        // A name starts where no letter or underscore comes before it: command-line flags and numbered
        // names are found; a keyword inside a longer word is only seen as part of that word's name.
        RuleAssert.Finds("SG1010", "ENTRYPOINT dotnet app.dll --db-password=Sup3rS3cret!", "Sup3rS3cret!");
        RuleAssert.Finds("SG1010", "db2.password=Sup3rS3cret!", "Sup3rS3cret!");
        RuleAssert.Clean("bypass=Sup3rS3cret!");
    }

    /// <summary>
    /// Lines are matched only where a keyword sits in a name that could make its key a credential's; every
    /// way a credential's name is written must still get through that filter.
    /// </summary>
    [TestMethod]
    [DataRow("Jwt__Secret=q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("Public__Secret=q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("ConnectionStrings__Db__Password=Sup3rS3cret!")]
    [DataRow("Smtp:Password=Sup3rS3cret!")]
    [DataRow("smtp.password = Sup3rS3cret!")]
    [DataRow("odbc.PWD=Sup3rS3cret!")]
    [DataRow("2fa_token: q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("2pass=Sup3rS3cret!")]
    [DataRow("x-api-key: q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("--client-secret=q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("password.=Sup3rS3cret!")]
    [DataRow("<add key=\"Smtp.Password\" value=\"Sup3rS3cret!\" />")]
    public void Every_way_of_writing_a_credential_name_is_still_matched(string line) =>
        Assert.AreEqual(1, new CredentialAssignmentRule().Find(line + "\n", SecretGuard.Detection.TextOrigin.ConfigEntry).Count(), line);

    [TestMethod]
    [DataRow("Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [DataRow("KeyValuePair=q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("password.txt=q8Zr1kPw0sLx7YtBv4Nc")]
    [DataRow("Passwords:Admin=Sup3rS3cret!")]
    public void Names_that_cannot_name_a_credential_are_not_matched(string line) =>
        Assert.IsFalse(new CredentialAssignmentRule().Find(line + "\n", SecretGuard.Detection.TextOrigin.ConfigEntry).Any(), line);

    [TestMethod]
    public void Finds_names_written_as_one_word()
    {
        RuleAssert.Finds("SG1010", "PGPASSWORD=Sup3rS3cret!", "Sup3rS3cret!");
        RuleAssert.Finds("SG1010", "OAUTHCLIENTSECRET=q8Zr1kPw0sLx7YtBv4Nc", "q8Zr1kPw0sLx7YtBv4Nc");
        RuleAssert.Clean("BYPASS=Sup3rS3cret!");
        RuleAssert.Clean("XSRFTOKEN=q8Zr1kPw0sLx7YtBv4Nc");
    }

    [TestMethod]
    public void File_convention_is_not_a_finding() => RuleAssert.Clean("DB_PASSWORD_FILE=/run/secrets/db_password");

    [TestMethod]
    public void Placeholders_and_empty_values_are_not_findings()
    {
        RuleAssert.Clean("API_KEY=${API_KEY}");
        RuleAssert.Clean("API_KEY=$(ApiKey)");
        RuleAssert.Clean("\"ApiKey\": \"<your-key>\"");
        RuleAssert.Clean("DB_PASSWORD=");
        RuleAssert.Clean("DB_PASSWORD=changeme");
        RuleAssert.Clean("JWT_SECRET=REPLACE_ME");
        RuleAssert.Clean("\"Password\": \"********\"");
        RuleAssert.Clean("SECRET_TOKEN=%SECRET_TOKEN%");
    }

    [TestMethod]
    public void Non_secret_settings_with_credential_words_are_not_findings()
    {
        RuleAssert.Clean("\"PasswordHasher\": \"Bcrypt\"");
        RuleAssert.Clean("TOKEN_ENDPOINT=https://login.example.org/oauth2/token");
        RuleAssert.Clean("\"RequireUniquePassword\": true");
        RuleAssert.Clean("PASSWORD_MIN_LENGTH=12");
        RuleAssert.Clean("\"HeaderName\": \"X-CSRF-TOKEN\"");
        RuleAssert.Clean("\"AntiforgeryToken\": \"X-XSRF-TOKEN\"");
        RuleAssert.Clean("TOKEN_LIFETIME=00:30:00");
        RuleAssert.Clean("<File AssemblyName=\"Microsoft.AspNetCore.Antiforgery\" PublicKeyToken=\"adb9793829ddae60\" />");
        RuleAssert.Clean("\"PublishableKey\": \"pk_0a9b8c7d6e5f4a3b2c1d\"");
    }

    [TestMethod]
    public void Code_in_files_is_not_a_literal()
    {
        RuleAssert.Clean("const aliceSecret = alice.computeSecret(bobKey);");
        RuleAssert.Clean("\tc->password = g_strdup(value);");
        RuleAssert.Clean("Function CheckPass(User, Pass: String): Integer;");
        RuleAssert.Clean("  If EncPass = NoUser then");
        RuleAssert.Clean("PASSWORD=nodejs make test");
    }

    [TestMethod]
    public void Minified_javascript_comparisons_and_members_are_not_literals()
    {
        // ASP.NET Core 8's blazor.web.js, compiled into Microsoft.AspNetCore.Components.Endpoints.dll.
        RuleAssert.Clean("await this._fetchType(e.url,{body:e.content,cache:\"no-cache\",credentials:!0===e.withCredentials?\"include\":\"same-origin\"})");
        RuleAssert.Clean("r=new this._options.EventSource(e,{withCredentials:this._options.withCredentials});");
        RuleAssert.Clean("o.withCredentials=void 0===e.withCredentials||e.withCredentials,o.token=t.accessToken;");
        RuleAssert.Clean("const d={password:n.password,apiKey:s.apiKeyValue};");

        // A value of the same characters that is not code is still read as one.
        RuleAssert.Finds("SG1010", "DB_PASSWORD=S3cr3t.Pa55word!", "S3cr3t.Pa55word!");
        RuleAssert.Finds("SG1010", "api_key=ab.Xk93Lq0Pz7Wm2Rt5Yv8Bn1", "ab.Xk93Lq0Pz7Wm2Rt5Yv8Bn1");
        RuleAssert.Finds("SG1010", "JWT_SECRET=Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA==", "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA==");
    }

    [TestMethod]
    public void A_bare_word_password_in_an_image_ENV_entry_is_a_finding()
    {
        // In a file "PASSWORD=nodejs" reads as prose; as an image's ENV entry it is the leak itself.
        var hits = SecretGuard.Detection.RuleSet.Default.Scan("DB_PASSWORD=postgres", SecretGuard.Detection.TextOrigin.ConfigEntry);
        Assert.AreEqual("SG1010", hits.Single().Rule.Id);
        RuleAssert.Finds("SG1010", "password: \"postgres\"", "postgres");
    }

    [TestMethod]
    public void Short_or_low_entropy_token_values_are_not_findings()
    {
        RuleAssert.Clean("API_KEY=abc");
        RuleAssert.Clean("\"Secret\": \"AzureKeyVault\"");
    }

    [TestMethod]
    public void Splits_key_names_into_words()
    {
        CollectionAssert.AreEqual(new[] { "db", "password" }, CredentialAssignmentRule.SplitWords("DB_PASSWORD"));
        CollectionAssert.AreEqual(new[] { "client", "secret" }, CredentialAssignmentRule.SplitWords("clientSecret"));
        CollectionAssert.AreEqual(new[] { "x", "apikey" }, CredentialAssignmentRule.SplitWords("X-Api-Key"));
        CollectionAssert.AreEqual(new[] { "auth", "token" }, CredentialAssignmentRule.SplitWords("_authToken"));
    }

    private static bool FoundIn(string text, SecretGuard.Detection.TextOrigin origin) =>
        SecretGuard.Detection.RuleSet.Default.Scan(text, origin).Any(h => h.Rule.Id == "SG1010");

    [TestMethod]
    public void In_source_code_only_quoted_values_are_literals()
    {
        // Seen in Python, Java, Perl and JavaScript libraries that base images carry.
        var code = SecretGuard.Detection.TextOrigin.SourceCode;
        Assert.IsFalse(FoundIn("                self.token = self.token.astParent.astOperand2\n", code));
        Assert.IsFalse(FoundIn("    passphrase: Optional[PassphraseCallableT] = None,\n", code));
        Assert.IsFalse(FoundIn("    password: forceAuth._password || forceAuth.password,\n", code));
        Assert.IsFalse(FoundIn("$PROXY_PASSWORD = $CPAN::Config->{proxy_pass} || \"\";\n", code));
        Assert.IsTrue(FoundIn("API_TOKEN = \"Xk9vL2qW8zR4mN7pT3sY6bV1\"\n", code));
        Assert.IsTrue(FoundIn("const config = { password: 'Pr0d!Passw0rd#2024' };\n", code));
    }

    [TestMethod]
    public void Indexes_and_type_annotations_are_code_in_any_file()
    {
        RuleAssert.Clean("auth = dict(Email=credentials[0], Passwd=credentials[1], service=service)");
        RuleAssert.Clean("password: typing.Optional[bytes],");
        RuleAssert.Clean("self.nameToken = IdMap[self.nameTokenId]");
    }

    [TestMethod]
    public void Values_that_name_a_credential_or_mark_a_default_are_not_credentials()
    {
        RuleAssert.Clean("AttributeOID.CHALLENGE_PASSWORD: \"challengePassword\",");
        RuleAssert.Clean("headers: { 'X-TOKEN-SECRET': 'SuperSecretToken' },");
        RuleAssert.Clean("d_pwpasswd='define'\nd_grpasswd='undef'");
        RuleAssert.Clean("$pass = '-anonymous@'");
        RuleAssert.Clean("PWD=/home/build\nOLDPWD=src-2024");
        RuleAssert.Clean("pwd=$(pwd)\nlocal pwd=`pwd`\ncd \"$pwd\"\nexport pwd=/srv/app");
        RuleAssert.Clean("password: 'bm90IG15IHJlYWwgcGFzc3dvcmQ=',"); // base64 of "not my real password"
        RuleAssert.Clean("\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\","); // RFC 6749's example
        RuleAssert.Clean("return f'machine {hostname}{path} login {self.username} password {self.password}'");

        // A real-looking value next to them still is one.
        RuleAssert.Finds("SG1010", "password: 'cXk5IXZMMiRxVzghelI0'", "cXk5IXZMMiRxVzghelI0");
    }
}
