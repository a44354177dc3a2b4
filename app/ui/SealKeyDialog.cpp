#include "SealKeyDialog.h"
#include "services/AuthService.h"
#include "services/UserRolesService.h"

#include "ui_SealKeyDialog.h"

#include "core/Role.h"

#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidgetItem>
#include <QTreeWidgetItem>

namespace oneseal::ui {

namespace {
QString timeText(const QDateTime& t)
{
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

bool maySeal(core::Roles roles)
{
    return core::mayPerform(roles, core::Action::PrintCertificate) || core::mayPerform(roles, core::Action::ApplySeal)
        || core::mayPerform(roles, core::Action::ManageUsers);
}

bool hasCurrentKey(const services::DirectoryEntry& user)
{
    return std::any_of(user.keys.cbegin(), user.keys.cend(),
                       [](const core::DirectoryKey& k) { return !k.validUntil.isValid(); });
}
} // namespace

SealKeyDialog::SealKeyDialog(services::Session& session, QWidget* parent)
    : QDialog(parent)
    , m_ui(new Ui::SealKeyDialog)
    , m_session(session)
    , m_service(session)
{
    m_ui->setupUi(this);
    m_chooseFile = [this](const QString& title, const QString& suggested) {
        return QFileDialog::getSaveFileName(this, title, suggested);
    };
    const bool manage = session.can(core::Action::ManageUsers);
    m_ui->introLabel->setText(
        manage ? tr("The hall's seal key signs every certificate. It is kept only sealed to the people you grant it "
                    "to (certificate operators, approvers), who open it with their own password. Every grant and "
                    "revocation is a signed event that reaches the hub and every workstation.")
               : tr("The hall's seal key, who holds it, and the users' signing keys. Only an administrator grants "
                    "or revokes the seal key."));
    m_ui->grantGroup->setVisible(manage);
    m_ui->revokeGroup->setVisible(manage);
    m_ui->revokedListButton->setVisible(manage);
    m_ui->rolesGroup->setVisible(manage);
    // A hall without a hub resets here; a hub's hall at the hub (oneseal-admin hub user-reset).
    m_ui->resetGroup->setVisible(services::AuthService::resetsPasswordsHere(session));
    for (core::Role r : core::allRoles()) {
        auto* item = new QListWidgetItem(core::roleDisplayName(r), m_ui->rolesList);
        item->setData(Qt::UserRole, quint32(r));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_ui->rolesList->setCurrentRow(0);

    m_ui->keysView->setColumnCount(3);
    m_ui->keysView->setHorizontalHeaderLabels({tr("Key id"), tr("Fingerprint (SHA-256)"), tr("Since")});
    m_ui->grantsView->setColumnCount(7);
    m_ui->grantsView->setHorizontalHeaderLabels(
        {tr("User"), tr("Name"), tr("Roles"), tr("Granted at"), tr("Granted by"), tr("Revoked"), tr("Reason")});
    m_ui->directoryView->setColumnCount(6);
    m_ui->directoryView->setHeaderLabels(
        {tr("User / signing key"), tr("Name"), tr("Roles"), tr("Status"), tr("Valid from"), tr("Valid until")});
    for (QTableWidget* t : {m_ui->keysView, m_ui->grantsView}) {
        t->verticalHeader()->hide();
        t->horizontalHeader()->setStretchLastSection(true);
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    }

    connect(m_ui->grantButton, &QPushButton::clicked, this, &SealKeyDialog::grant);
    connect(m_ui->passwordEdit, &QLineEdit::returnPressed, this, &SealKeyDialog::grant);
    connect(m_ui->revokeButton, &QPushButton::clicked, this, &SealKeyDialog::revoke);
    connect(m_ui->reasonEdit, &QLineEdit::returnPressed, this, &SealKeyDialog::revoke);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SealKeyDialog::exportKeys);
    connect(m_ui->revokedListButton, &QPushButton::clicked, this, &SealKeyDialog::writeRevokedList);
    connect(m_ui->rolesUserCombo, &QComboBox::currentIndexChanged, this, &SealKeyDialog::showRolesOf);
    connect(m_ui->rolesButton, &QPushButton::clicked, this, &SealKeyDialog::changeRoles);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &SealKeyDialog::resetPassword);
    connect(m_ui->resetAdminPasswordEdit, &QLineEdit::returnPressed, this, &SealKeyDialog::resetPassword);
    connect(m_ui->closeButton, &QPushButton::clicked, this, &QDialog::reject);
    reload();
    if (manage)
        m_ui->grantUserCombo->setFocus();
    else
        m_ui->keysView->setFocus();
}

SealKeyDialog::~SealKeyDialog() = default;

QString SealKeyDialog::messageText() const
{
    return m_ui->messageLabel->isHidden() ? QString() : m_ui->messageLabel->text();
}

void SealKeyDialog::showMessage(const QString& text, bool error)
{
    m_messageIsError = error;
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(error ? QStringLiteral("background: #fde7e9; color: #a4262c; padding: 6px;")
                                            : QStringLiteral("background: #dff6dd; color: #107c10; padding: 6px;"));
    m_ui->messageLabel->setVisible(!text.isEmpty());
}

void SealKeyDialog::reload()
{
    QString error;
    const auto overview = m_service.overview(&error);
    const bool ok = overview.has_value();
    m_ui->tabs->setEnabled(ok);
    if (!ok) {
        showMessage(error, true);
        return;
    }

    m_ui->keysView->setRowCount(int(overview->keys.size()));
    for (int row = 0; row < overview->keys.size(); ++row) {
        const services::PublishedSealKey& k = overview->keys.at(row);
        m_ui->keysView->setItem(row, 0, cell(k.keyId));
        m_ui->keysView->setItem(row, 1, cell(k.fingerprint));
        m_ui->keysView->setItem(row, 2, cell(k.since.isValid() ? timeText(k.since) : tr("unknown")));
    }

    m_ui->grantsView->setRowCount(int(overview->grants.size()));
    for (int row = 0; row < overview->grants.size(); ++row) {
        const services::SealGrantEntry& g = overview->grants.at(row);
        m_ui->grantsView->setItem(row, 0, cell(g.username));
        m_ui->grantsView->setItem(row, 1, cell(g.displayName));
        m_ui->grantsView->setItem(row, 2, cell(core::rolesDisplayText(g.roles)));
        m_ui->grantsView->setItem(row, 3, cell(timeText(g.grantedAt)));
        m_ui->grantsView->setItem(row, 4, cell(g.grantedBy));
        m_ui->grantsView->setItem(row, 5,
                                  cell(g.revokedAt.isValid() ? tr("revoked %1 by %2").arg(timeText(g.revokedAt), g.revokedBy)
                                                             : tr("in force")));
        m_ui->grantsView->setItem(row, 6, cell(g.reason));
    }

    const QString grantTo = m_ui->grantUserCombo->currentData().toString();
    const QString revokeFrom = m_ui->revokeUserCombo->currentData().toString();
    const QString rolesOf = m_ui->rolesUserCombo->currentData().toString();
    m_ui->grantUserCombo->clear();
    m_ui->revokeUserCombo->clear();
    m_ui->directoryView->clear();
    const QSignalBlocker quiet(m_ui->rolesUserCombo);
    m_ui->rolesUserCombo->clear();
    m_roles.clear();
    for (const services::DirectoryEntry& u : overview->users) {
        const QString roles = core::rolesDisplayText(u.roles);
        m_roles.insert(u.username, u.roles);
        m_ui->rolesUserCombo->addItem(tr("%1 — %2").arg(u.username, u.displayName), u.username);
        if (u.enabled && maySeal(u.roles) && !u.holdsSeal)
            m_ui->grantUserCombo->addItem(hasCurrentKey(u) ? tr("%1 — %2 (%3)").arg(u.username, u.displayName, roles)
                                                           : tr("%1 — %2 (%3; has not logged in yet)")
                                                                 .arg(u.username, u.displayName, roles),
                                          u.username);
        if (u.holdsSeal)
            m_ui->revokeUserCombo->addItem(tr("%1 — %2 (%3)").arg(u.username, u.displayName, roles), u.username);

        QString status = u.enabled ? tr("enabled") : tr("disabled since %1").arg(timeText(u.disabledAt));
        if (u.mustChange)
            status += tr("; must change the password at the next login");
        if (u.holdsSeal)
            status += tr("; holds the seal key");
        if (!hasCurrentKey(u))
            status += tr("; no signing key yet (has not logged in)");
        auto* item = new QTreeWidgetItem(m_ui->directoryView, {u.username, u.displayName, roles, status});
        item->setToolTip(3, status);
        for (const core::DirectoryKey& k : u.keys)
            new QTreeWidgetItem(item, {tr("key %1").arg(k.keyId), QString(), QString(),
                                       k.validUntil.isValid() ? tr("ended") : tr("current"), timeText(k.validFrom),
                                       k.validUntil.isValid() ? timeText(k.validUntil) : QString()});
        for (const core::RoleChange& c : u.roleChanges)
            new QTreeWidgetItem(item, {tr("roles changed"), QString(), core::rolesDisplayText(c.roles),
                                       tr("before: %1").arg(core::rolesDisplayText(c.previous)), timeText(c.at)});
    }
    m_ui->directoryView->expandAll();
    for (int c = 0; c < m_ui->directoryView->columnCount(); ++c)
        m_ui->directoryView->resizeColumnToContents(c);
    if (const int i = m_ui->grantUserCombo->findData(grantTo); i >= 0)
        m_ui->grantUserCombo->setCurrentIndex(i);
    if (const int i = m_ui->revokeUserCombo->findData(revokeFrom); i >= 0)
        m_ui->revokeUserCombo->setCurrentIndex(i);
    if (const int i = m_ui->rolesUserCombo->findData(rolesOf); i >= 0)
        m_ui->rolesUserCombo->setCurrentIndex(i);
    showRolesOf();
    if (m_ui->grantUserCombo->count() == 0)
        m_ui->grantUserCombo->setPlaceholderText(tr("nobody: every certificate operator and approver holds it"));
    if (m_ui->revokeUserCombo->count() == 0)
        m_ui->revokeUserCombo->setPlaceholderText(tr("nobody holds a grant"));
}

void SealKeyDialog::grant()
{
    const QString username = m_ui->grantUserCombo->currentData().toString();
    QString error;
    const bool ok = m_service.grant(username, m_ui->passwordEdit->text(), &error);
    m_ui->passwordEdit->clear();
    if (!ok) {
        showMessage(error, true);
        m_ui->passwordEdit->setFocus();
        return;
    }
    reload();
    showMessage(tr("The seal key is granted to %1. They can sign certificates from their next use of it, on any "
                   "workstation the grant reaches.")
                    .arg(username),
                false);
    m_ui->grantUserCombo->setFocus();
}

void SealKeyDialog::revoke()
{
    const QString username = m_ui->revokeUserCombo->currentData().toString();
    QString error;
    if (!m_service.revoke(username, m_ui->reasonEdit->text(), &error)) {
        showMessage(error, true);
        m_ui->reasonEdit->setFocus();
        return;
    }
    m_ui->reasonEdit->clear();
    reload();
    showMessage(tr("The grant of the seal key to %1 has ended; every workstation refuses their signatures from now "
                   "on. They may still hold a copy they opened before: if that is a worry, make a new seal key.")
                    .arg(username),
                false);
    m_ui->revokeUserCombo->setFocus();
}

void SealKeyDialog::showRolesOf()
{
    const core::Roles roles = m_roles.value(m_ui->rolesUserCombo->currentData().toString());
    for (int i = 0; i < m_ui->rolesList->count(); ++i) {
        QListWidgetItem* item = m_ui->rolesList->item(i);
        const auto role = core::Role(item->data(Qt::UserRole).toUInt());
        item->setCheckState(roles.testFlag(role) ? Qt::Checked : Qt::Unchecked);
    }
}

void SealKeyDialog::changeRoles()
{
    const QString username = m_ui->rolesUserCombo->currentData().toString();
    core::Roles roles;
    for (int i = 0; i < m_ui->rolesList->count(); ++i)
        if (const QListWidgetItem* item = m_ui->rolesList->item(i); item->checkState() == Qt::Checked)
            roles |= core::Role(item->data(Qt::UserRole).toUInt());
    QString error;
    if (!services::UserRolesService(m_session).setRoles(username, roles, &error)) {
        showMessage(error, true);
        m_ui->rolesList->setFocus();
        return;
    }
    reload();
    showMessage(tr("The roles of %1 are now: %2. Their events count with these roles from now on; they see them at "
                   "their next login.")
                    .arg(username, core::rolesDisplayText(roles)),
                false);
    m_ui->rolesUserCombo->setFocus();
}

void SealKeyDialog::resetPassword()
{
    const QString username = m_ui->rolesUserCombo->currentData().toString();
    QString error;
    const auto reset = services::AuthService::resetPassword(m_session, username, m_ui->resetPasswordEdit->text(),
                                                            m_ui->resetAdminPasswordEdit->text(), &error);
    m_ui->resetAdminPasswordEdit->clear();
    if (!reset) {
        showMessage(error, true);
        m_ui->resetPasswordEdit->setFocus();
        return;
    }
    m_ui->resetPasswordEdit->clear();
    reload();
    QString text = tr("The password of %1 is reset; they must change it at their next login.").arg(reset->username);
    if (reset->heldSealGrant)
        text += QLatin1Char(' ')
            + tr("%1 held the hall's seal key: that grant can no longer be opened. Grant it again after their next "
                 "login.")
                  .arg(reset->username);
    showMessage(text, false);
    m_ui->rolesUserCombo->setFocus();
}

bool SealKeyDialog::writeFile(const QString& path, const QByteArray& bytes, QString* error)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        *error = tr("%1 could not be written: %2").arg(QDir::toNativeSeparators(path), f.errorString());
        return false;
    }
    return true;
}

void SealKeyDialog::exportKeys()
{
    QString error;
    const auto pem = m_service.publicKeysPem(&error);
    if (!pem) {
        showMessage(error, true);
        return;
    }
    const QString path = m_chooseFile(tr("Export the hall's public seal keys"), QStringLiteral("hall-seal.pub.pem"));
    if (path.isEmpty())
        return;
    if (!writeFile(path, *pem, &error)) {
        showMessage(error, true);
        return;
    }
    showMessage(tr("Wrote the hall's public seal key(s) to %1. Hand it to verifiers with the list of voided "
                   "certificates.")
                    .arg(QDir::toNativeSeparators(path)),
                false);
}

void SealKeyDialog::writeRevokedList()
{
    QString error;
    // Signed before a file is chosen: a refusal (not a holder of the seal key) asks for nothing.
    const auto text = m_service.revokedList(&error);
    if (!text) {
        showMessage(error, true);
        return;
    }
    const QString path = m_chooseFile(tr("Write the signed list of voided certificates"), QStringLiteral("revoked.txt"));
    if (path.isEmpty())
        return;
    if (!writeFile(path, *text, &error)) {
        showMessage(error, true);
        return;
    }
    const auto list = core::RevokedList::parse(*text, m_session.trustedSealKeys(), nullptr);
    showMessage(tr("Wrote the signed list of %n voided certificate(s) to %1.", nullptr,
                   list ? int(list->serials.size()) : 0)
                    .arg(QDir::toNativeSeparators(path)),
                false);
}

} // namespace oneseal::ui
