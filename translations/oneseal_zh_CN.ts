<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuthService</name>
    <message>
        <location filename="../app/services/AuthService.cpp" line="16"/>
        <source>The user name or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/services/AuthService.cpp" line="39"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="41"/>
        <source>Enter your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="65"/>
        <source>This user account is disabled. Ask the hall administrator.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="85"/>
        <source>The current password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="89"/>
        <source>The new password must differ from the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="97"/>
        <source>The key slot could not be rewrapped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="132"/>
        <source>Give the user at least one role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="135"/>
        <source>The user name %1 is taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/AuthService.cpp" line="150"/>
        <source>The key slot could not be written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="5"/>
        <source>Change password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="11"/>
        <source>&amp;Current password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="20"/>
        <source>&amp;New password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/ChangePasswordDialog.ui" line="29"/>
        <source>&amp;Repeat new password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../db/Database.cpp" line="60"/>
        <source>The database key is not a 256-bit key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="137"/>
        <source>Unable to read the schema version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="150"/>
        <source>Unable to read the migration %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="162"/>
        <source>The migration %1 failed and was undone: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="173"/>
        <source>The file %1 already exists; choose a new name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/Database.cpp" line="181"/>
        <location filename="../db/Database.cpp" line="194"/>
        <source>Unable to create the plaintext copy: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventStore</name>
    <message>
        <location filename="../db/EventStore.cpp" line="39"/>
        <source>An event needs a kind, a user and a workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventStore.cpp" line="79"/>
        <source>The event could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HallService</name>
    <message>
        <location filename="../app/services/HallService.cpp" line="60"/>
        <source>Enter the name of the hall&apos;s bureau.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/services/HallService.cpp" line="67"/>
        <source>A hall database already exists at %1; it was left as it is.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyRing</name>
    <message>
        <location filename="../db/KeyRing.cpp" line="32"/>
        <source>No key ring was found at %1: this is not a OneSeal hall database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="39"/>
        <source>The key ring %1 is damaged or of an unknown format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/KeyRing.cpp" line="80"/>
        <source>Unable to write the key ring %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../forms/LoginDialog.ui" line="6"/>
        <source>OneSeal — Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="10"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="17"/>
        <source>Log in with your user name and password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="25"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/LoginDialog.ui" line="36"/>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../forms/MainWindow.ui" line="6"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="13"/>
        <source>&amp;Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="23"/>
        <source>Recent &amp;events at this workstation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="41"/>
        <source>The workstation is locked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="54"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="62"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="70"/>
        <source>&amp;Lock workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="71"/>
        <source>Ctrl+L</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="74"/>
        <source>Change &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="77"/>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="80"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="81"/>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/MainWindow.ui" line="84"/>
        <source>&amp;About OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OneSealAdmin</name>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="61"/>
        <source>oneseal-admin: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="74"/>
        <source>The hall database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="74"/>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="80"/>
        <source>The administrator&apos;s user name (password on standard input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="81"/>
        <location filename="../app/cli/AdminCommands.cpp" line="104"/>
        <location filename="../app/cli/AdminCommands.cpp" line="155"/>
        <source>user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="103"/>
        <source>The bureau&apos;s name (on the seal).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="103"/>
        <location filename="../app/cli/AdminCommands.cpp" line="106"/>
        <location filename="../app/cli/AdminCommands.cpp" line="156"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="104"/>
        <source>The first administrator&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="106"/>
        <source>The administrator&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="107"/>
        <source>This workstation&apos;s id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="107"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="109"/>
        <source>Creates a hall database, its key ring and its first administrator.
The password is read twice from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="118"/>
        <source>New administrator password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="119"/>
        <source>Repeat the password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="120"/>
        <source>The two passwords differ; nothing was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="125"/>
        <source>Created the hall database %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="133"/>
        <source>Do nothing when the database exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="135"/>
        <source>Creates the demo hall (users listed in the README).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="138"/>
        <source>The demo hall %1 is already there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="144"/>
        <source>Created the demo hall %1. Every demo user&apos;s password is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="155"/>
        <source>The new user&apos;s user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="156"/>
        <source>The new user&apos;s full name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="158"/>
        <source>Roles, comma separated: intake, review, inspection, approval, certificate, supervisor, admin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="160"/>
        <source>roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="162"/>
        <source>Adds a user. Reads the administrator&apos;s password, then the new user&apos;s, from standard input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="167"/>
        <source>Unknown role(s): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="170"/>
        <location filename="../app/cli/AdminCommands.cpp" line="189"/>
        <location filename="../app/cli/AdminCommands.cpp" line="210"/>
        <source>Administrator password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="174"/>
        <source>New user&apos;s password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="176"/>
        <source>Added the user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="186"/>
        <source>Prints the raw database key (64 hex digits) for disaster recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="202"/>
        <source>Where to write the unencrypted copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="202"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="204"/>
        <source>Writes an unencrypted copy of the hall database for disaster recovery.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="207"/>
        <source>Say where to write the copy with --out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="217"/>
        <source>Wrote an UNENCRYPTED copy to %1. Keep it locked away and delete it when done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="228"/>
        <source>Shows the hall, the workstation, the schema version and the number of events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="232"/>
        <source>Password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="235"/>
        <source>Hall: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="236"/>
        <source>Workstation: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="237"/>
        <source>Schema version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="238"/>
        <source>Events: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="243"/>
        <source>create a hall database and its first administrator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="244"/>
        <source>create the demo hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="245"/>
        <source>add a user with roles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="246"/>
        <source>print the raw database key (disaster recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="247"/>
        <source>write an unencrypted copy (disaster recovery)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="249"/>
        <source>show the hall, workstation and schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="254"/>
        <source>Usage: oneseal-admin COMMAND [options]   (oneseal-admin COMMAND --help for its options)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/cli/AdminCommands.cpp" line="276"/>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../app/core/Role.cpp" line="40"/>
        <source>Intake clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="41"/>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="42"/>
        <source>Inspector</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="43"/>
        <source>Approver (seal holder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="44"/>
        <source>Certificate operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="45"/>
        <source>Supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/Role.cpp" line="46"/>
        <source>Administrator</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../app/services/Session.cpp" line="38"/>
        <source>Your role does not allow this. Ask a colleague who holds the right role, or the hall administrator.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="5"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="11"/>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="20"/>
        <source>Lock after &amp;idle minutes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../forms/SettingsDialog.ui" line="35"/>
        <source>A new language takes effect when OneSeal is started again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="166"/>
        <source>The database is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="174"/>
        <source>Unable to prepare the statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="180"/>
        <source>Unable to execute multiple statements at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="186"/>
        <source>The statement is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="209"/>
        <source>No statement is prepared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="225"/>
        <source>Parameter count mismatch: the statement takes %1 values, %2 were bound.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="282"/>
        <source>Unable to bind parameters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="304"/>
        <source>Unable to execute the statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="332"/>
        <source>Unable to fetch the next row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="361"/>
        <source>Unable to fetch the row.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Transaction</name>
    <message>
        <location filename="../db/Database.cpp" line="240"/>
        <source>No transaction is open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>User</name>
    <message>
        <location filename="../app/core/User.cpp" line="12"/>
        <source>Enter a user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="14"/>
        <source>A user name has 2 to 32 letters, digits, &apos;.&apos;, &apos;-&apos; or &apos;_&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="21"/>
        <source>A password needs at least 8 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="23"/>
        <source>A password cannot be only spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="25"/>
        <source>A password can have at most 256 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="33"/>
        <source>Enter the person&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="35"/>
        <source>A name can have at most 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/core/User.cpp" line="38"/>
        <source>A name cannot contain control characters.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/client/main.cpp" line="25"/>
        <source>OneSeal window-staff client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="29"/>
        <source>The hall database file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="30"/>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="33"/>
        <source>Create the demo hall if there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="42"/>
        <location filename="../app/client/main.cpp" line="49"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/client/main.cpp" line="43"/>
        <source>There is no hall database at %1.
Create one with &apos;oneseal-admin init&apos;, or start with --demo.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::db::EventLogModel</name>
    <message>
        <location filename="../db/EventLogModel.cpp" line="31"/>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="32"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="33"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="34"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/EventLogModel.cpp" line="35"/>
        <source>Workstation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::db::SqlCipherDriver</name>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="526"/>
        <source>The database key must be 256 bits (64 hexadecimal digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="529"/>
        <source>The database file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="543"/>
        <source>Unable to open the database file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="550"/>
        <source>Unable to set the database key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="558"/>
        <source>The key does not open this database, or the file is not an OneSeal database, or it is damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="563"/>
        <source>Unable to switch the database to WAL mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="567"/>
        <source>Unable to set the durability level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="568"/>
        <source>Unable to enable foreign keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="602"/>
        <source>Unable to begin the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="613"/>
        <source>Unable to commit the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../db/SqlCipherDriver.cpp" line="631"/>
        <source>Unable to roll back the transaction.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::ChangePasswordDialog</name>
    <message>
        <location filename="../app/ui/ChangePasswordDialog.cpp" line="24"/>
        <source>The two new passwords differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::LoginDialog</name>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="21"/>
        <source>Hall database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="31"/>
        <source>OneSeal — Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="32"/>
        <source>Locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="33"/>
        <source>The workstation was locked. Enter your password to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="36"/>
        <source>&amp;Log out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="45"/>
        <source>&amp;Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="46"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/ui/LoginDialog.cpp" line="74"/>
        <source>Too many wrong passwords. Try again in %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/LoginDialog.cpp" line="104"/>
        <source>The password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::MainWindow</name>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="26"/>
        <source>OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="26"/>
        <source>OneSeal — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="27"/>
        <source>Welcome, %1. You work here as: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="56"/>
        <source>%1 (%2) · workstation %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="93"/>
        <source>Your password was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="100"/>
        <source>About OneSeal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/ui/MainWindow.cpp" line="101"/>
        <source>&lt;b&gt;OneSeal&lt;/b&gt; %1&lt;br&gt;Window-staff client for one-seal government service halls.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>oneseal::ui::SettingsDialog</name>
    <message>
        <location filename="../app/ui/SettingsDialog.cpp" line="14"/>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
