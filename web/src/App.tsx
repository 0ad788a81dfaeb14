import { useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router-dom';
import { can, useAuth } from './auth';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Layout } from './components/Layout';
import { setDisplayTimeZone } from './format';
import { isPublicPath, PublicOrgGate } from './publicOrg';
import { AuditPage } from './pages/Audit';
import { AnswerSurveyPage } from './pages/surveys/AnswerSurvey';
import { SurveyPage } from './pages/surveys/SurveyDetail';
import { SurveysPage } from './pages/surveys/Surveys';
import { ComplainPage } from './pages/Complain';
import { ComplaintAnalysisPage } from './pages/ComplaintAnalysis';
import { ComplaintPage } from './pages/ComplaintDetail';
import { ComplaintSettingsPage } from './pages/ComplaintSettings';
import { ComplaintStatusPage } from './pages/ComplaintStatus';
import { ComplaintsPage, NewComplaintPage } from './pages/Complaints';
import { CorrectiveActionsPage } from './pages/CorrectiveActions';
import { NotificationsPage } from './pages/Notifications';
import { RatePage } from './pages/Rate';
import { CommunicationsPage } from './pages/Communications';
import { CustomerPage } from './pages/CustomerDetail';
import { CustomersPage, NewCustomerPage } from './pages/Customers';
import { RequirementPage } from './pages/RequirementDetail';
import { RequirementsPage } from './pages/Requirements';
import { SegmentsPage } from './pages/Segments';
import { SettingsPage } from './pages/Settings';
import { SignIn } from './pages/SignIn';
import { TokensPage } from './pages/Tokens';
import { UsersPage } from './pages/Users';
import { FeedbackPage } from './pages/feedback/Feedback';
import { FeedbackItemPage } from './pages/feedback/FeedbackDetail';
import { FeedbackFormPage } from './pages/feedback/FeedbackForm';
import type { User } from './types';

function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
    </>
  );
}

/** Where a role starts: a handler on their own cases, everyone else on the customers. */
function homeOf(user: User | null): string {
  return user?.role === 'handler' ? '/complaints?queue=mine' : '/customers';
}

/** After sign-in, go where the user was headed (same-site paths only), else home. */
function AfterSignIn() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const next = params.get('next');
  const safe = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : homeOf(user);
  return <Navigate to={safe} replace />;
}

export function App() {
  const { user, settings, loading } = useAuth();
  const location = useLocation();

  const publicPage = isPublicPath(location.pathname);
  if (!publicPage) setDisplayTimeZone(settings?.time_zone);
  useEffect(() => {
    if (!publicPage) document.title = settings?.name ? `${settings.name} · Hearken` : 'Hearken';
  }, [settings?.name, publicPage]);

  // Public pages for complainants: no account, no application shell; the
  // organisation's name and zone come from the public endpoint.
  if (publicPage) {
    return (
      <PublicOrgGate>
        {location.pathname === '/complain' ? (
          <ComplainPage />
        ) : location.pathname.startsWith('/status/') ? (
          <ComplaintStatusPage />
        ) : location.pathname.startsWith('/s/') ? (
          <AnswerSurveyPage />
        ) : location.pathname === '/f' ? (
          <FeedbackFormPage />
        ) : (
          <RatePage />
        )}
      </PublicOrgGate>
    );
  }

  if (loading) {
    return (
      <p className="boot muted" role="status">
        Loading…
      </p>
    );
  }
  if (!user) {
    if (location.pathname === '/signin') return <SignIn />;
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/signin${next}`} replace />;
  }
  return (
    <Layout>
      <ErrorBoundary resetKey={location.pathname}>
      <Routes>
        <Route path="/" element={<Navigate to={homeOf(user)} replace />} />
        <Route path="/signin" element={<AfterSignIn />} />
        <Route path="/customers" element={<CustomersPage />} />
        <Route path="/customers/new" element={<NewCustomerPage />} />
        <Route path="/customers/:id" element={<CustomerPage />} />
        <Route path="/segments" element={<SegmentsPage />} />
        <Route path="/requirements" element={<RequirementsPage />} />
        <Route path="/requirements/:id" element={<RequirementPage />} />
        <Route path="/communications" element={<CommunicationsPage />} />
        <Route path="/complaints" element={<ComplaintsPage />} />
        <Route path="/complaints/new" element={<NewComplaintPage />} />
        <Route path="/complaints/analysis" element={<ComplaintAnalysisPage />} />
        <Route path="/complaints/:id" element={<ComplaintPage />} />
        <Route path="/corrective-actions" element={<CorrectiveActionsPage />} />
        <Route path="/surveys" element={<SurveysPage />} />
        <Route path="/surveys/:id" element={<SurveyPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/audit" element={<AuditPage />} />
        <Route path="/feedback" element={<FeedbackPage />} />
        <Route path="/feedback/:id" element={<FeedbackItemPage />} />
        <Route path="/tokens" element={<TokensPage />} />
        {can(user, 'admin') ? <Route path="/users" element={<UsersPage />} /> : null}
        {can(user, 'admin') ? <Route path="/settings" element={<SettingsPage />} /> : null}
        {can(user, 'quality') ? <Route path="/complaint-settings" element={<ComplaintSettingsPage />} /> : null}
        <Route path="*" element={<NotFound />} />
      </Routes>
      </ErrorBoundary>
    </Layout>
  );
}
